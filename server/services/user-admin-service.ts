import type { CreateUserRequest, MfaResetResponse, MfaUnlockResponse, UpdateUserRequest, User, UsersQuery, UsersResponse } from '../../shared/admin-api';
import type { AuditActor } from '../domain/audit-log';
import { ProblemError, txFail, txOk, unwrap, type TxResult } from '../domain/problem-error';
import { newId } from '../crypto/tokens';
import { parsePermissions, type UserRow } from '../domain/user-repo';
import type { ServiceContext, TxRefusal } from './context';
import { assertAcceptablePassword } from './password-check';
import { deadlineForNewUser } from './enrollment-demand';

const actorOf = (u: UserRow): AuditActor => ({ id: u.id, username: u.username, via: 'api' });

const encodeCursor = (username: string) => Buffer.from(username, 'utf8').toString('base64url');
function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text || Buffer.from(text, 'utf8').toString('base64url') !== cursor) {
    throw new ProblemError('validation-failed', 'cursor: not a cursor this server issued. Use nextCursor from the previous page.', {
      field: 'cursor',
      errors: [{ location: 'query', field: 'cursor', message: 'not a cursor this server issued' }],
    });
  }
  return text;
}

/**
 * Administration of users: listing, creating, role changes, deletion and MFA resets. Changes that
 * could leave the server without an (enrolled) Server Admin are checked in the same transaction
 * that makes them.
 */
export class UserAdminService {
  constructor(private readonly ctx: ServiceContext) {}

  list(q: UsersQuery): UsersResponse {
    const now = this.ctx.clock.now();
    const limit = q.limit ?? 50;
    const page = this.ctx.users.list(
      { status: q.status, q: q.q, enrollment: q.enrollment, after: q.cursor === undefined ? undefined : decodeCursor(q.cursor), limit },
      now,
    );
    return {
      items: page.items,
      nextCursor: page.more && page.last !== null ? encodeCursor(page.last) : null,
      summary: this.ctx.users.summary(),
      matched: this.ctx.users.count({ status: q.status, q: q.q, enrollment: q.enrollment }, now),
    };
  }

  get(id: string): User {
    const user = this.ctx.users.view(id, this.ctx.clock.now());
    if (!user) throw notFound(id);
    return user;
  }

  async create(caller: UserRow, req: CreateUserRequest): Promise<User> {
    const { ctx } = this;
    assertAcceptablePassword(req.password, req.username, ctx.policy.get().issuer);
    const hash = await ctx.hasher.hash(req.password);
    return unwrap(
      ctx.tx(() => {
        if (ctx.users.byUsername(req.username)) return txFail('username-taken', `The username "${req.username}" is taken. Choose another.`, { field: 'username' });
        const now = ctx.clock.now();
        const id = newId('u');
        const permissions = req.role === 'member' ? [...new Set(req.permissions ?? [])].sort() : [];
        ctx.users.insert({ id, username: req.username, password_hash: hash, role: req.role, permissions: JSON.stringify(permissions), created_at: now });
        // Created under Required: the grace period runs from creation (members only).
        const enrollBy = deadlineForNewUser(ctx, req.role, now);
        if (enrollBy !== null) ctx.users.setEnrollBy(id, enrollBy);
        ctx.audit.append(now, 'user-created', actorOf(caller), { id, username: req.username }, { role: req.role, permissions: permissions.join(',') });
        return txOk(ctx.users.view(id, now) as User);
      }),
    );
  }

  update(caller: UserRow, id: string, req: UpdateUserRequest): User {
    const { ctx } = this;
    return unwrap(
      ctx.tx((): TxResult<User> => {
        const now = ctx.clock.now();
        const target = ctx.users.byId(id);
        if (!target) return txFail('not-found', `No user with id ${id}.`);
        const role = req.role ?? target.role;
        const permissions = role === 'server_admin' ? [] : (req.permissions ?? parsePermissions(target.permissions));
        if (target.role === 'server_admin' && role !== 'server_admin') {
          const refused = this.guardRemovingServerAdmin(caller, target, 'role-change', now) ?? this.stepUp(caller, target, req.currentCode, 'role-change', now);
          if (refused) return refused;
        }
        ctx.users.setRoleAndPermissions(id, role, permissions);
        if (!ctx.invariantHolds()) throw new Error('invariant broken by role change');
        ctx.audit.append(now, 'user-updated', actorOf(caller), { id, username: target.username }, {
          fromRole: target.role,
          toRole: role,
          permissions: [...new Set(permissions)].sort().join(','),
        });
        return txOk(ctx.users.view(id, now) as User);
      }),
    );
  }

  delete(caller: UserRow, id: string, currentCode: string | undefined): void {
    const { ctx } = this;
    unwrap(
      ctx.tx(() => {
        const now = ctx.clock.now();
        const target = ctx.users.byId(id);
        if (!target) return txFail('not-found', `No user with id ${id}.`);
        if (target.id === caller.id) return txFail('cannot-delete-self', 'You cannot delete your own account. Ask another Server Admin.');
        if (target.role === 'server_admin') {
          const refused = this.guardRemovingServerAdmin(caller, target, 'delete', now) ?? this.stepUp(caller, target, currentCode, 'delete', now);
          if (refused) return refused;
        }
        ctx.users.delete(id);
        ctx.throttle.forget(target.username);
        if (!ctx.invariantHolds()) throw new Error('invariant broken by user deletion');
        ctx.audit.append(now, 'user-deleted', actorOf(caller), { id, username: target.username }, { role: target.role });
        return txOk(undefined);
      }),
    );
  }

  resetMfa(caller: UserRow, id: string, currentCode: string | undefined): MfaResetResponse {
    const { ctx } = this;
    return unwrap(
      ctx.tx((): TxResult<MfaResetResponse> => {
        const now = ctx.clock.now();
        const target = ctx.users.byId(id);
        if (!target) return txFail('not-found', `No user with id ${id}.`);
        const subject = { id, username: target.username };
        if (target.id === caller.id) {
          ctx.audit.append(now, 'change-refused', actorOf(caller), subject, { action: 'mfa-reset', code: 'cannot-reset-own-mfa' });
          return txFail('cannot-reset-own-mfa', 'You cannot reset your own MFA. Use "Disable" on your own MFA page (password and code), or ask another admin.');
        }
        if (target.role === 'server_admin' && caller.role !== 'server_admin') {
          return txFail('forbidden', "Only a Server Admin may reset a Server Admin's MFA.");
        }
        if (target.role === 'server_admin' && target.totp_secret !== null && ctx.mode() === 'Required' && ctx.users.countEnrolledServerAdmins() <= 1) {
          ctx.audit.append(now, 'change-refused', actorOf(caller), subject, { action: 'mfa-reset', code: 'last-enrolled-server-admin' });
          return txFail('last-enrolled-server-admin', 'This is the last enrolled Server Admin and the policy is Required. Another Server Admin must enroll first, or change the policy.');
        }
        // Removing an authenticator (or a pending one) weakens that account: step-up.
        if (target.totp_secret !== null) {
          const refused = this.stepUp(caller, target, currentCode, 'mfa-reset', now);
          if (refused) return refused;
        }
        ctx.users.clearMfa(id);
        if (!ctx.invariantHolds()) throw new Error('invariant broken by MFA reset');
        ctx.audit.append(now, 'mfa-reset', actorOf(caller), subject);
        return txOk({ userId: id, mfa: { status: 'not_enrolled' } });
      }),
    );
  }

  /**
   * Clears the TOTP lockout and the password delays of a user without removing the authenticator
   * (a locked-out user keeps their enrollment). Not a weakening change: no step-up.
   */
  unlock(caller: UserRow, id: string): MfaUnlockResponse {
    const { ctx } = this;
    return unwrap(
      ctx.tx((): TxResult<MfaUnlockResponse> => {
        const now = ctx.clock.now();
        const target = ctx.users.byId(id);
        if (!target) return txFail('not-found', `No user with id ${id}.`);
        if (target.role === 'server_admin' && caller.role !== 'server_admin') {
          return txFail('forbidden', 'Only a Server Admin may unlock a Server Admin.');
        }
        ctx.users.clearLockout(id);
        ctx.throttle.unlock(target.username);
        ctx.audit.append(now, 'mfa-unlocked', actorOf(caller), { id, username: target.username });
        const view = ctx.users.view(id, now) as User;
        return txOk({ userId: id, mfa: { status: view.mfa.status } });
      }),
    );
  }

  /**
   * Requires enrollment for one user whatever the policy (O.D.I.N.'s "force enable"), or lifts
   * that. With the requirement, the user's next sign-in asks for enrollment (or a code) and any
   * credential of theirs obtained without a code stops working (see credentialNeedsMfa). Lifting
   * it weakens the user's protection, so it needs the caller's current code (step-up).
   */
  setMfaRequired(caller: UserRow, id: string, required: boolean, currentCode?: string): User {
    const { ctx } = this;
    return unwrap(
      ctx.tx((): TxResult<User> => {
        const now = ctx.clock.now();
        const target = ctx.users.byId(id);
        if (!target) return txFail('not-found', `No user with id ${id}.`);
        if ((target.mfa_required === 1) !== required) {
          if (!required) {
            const refused = this.stepUp(caller, target, currentCode, 'lifting the MFA requirement', now);
            if (refused) return refused;
          }
          ctx.users.setMfaRequired(id, required);
          ctx.audit.append(now, required ? 'mfa-requirement-set' : 'mfa-requirement-lifted', actorOf(caller), { id, username: target.username });
        }
        return txOk(ctx.users.view(id, now) as User);
      }),
    );
  }

  /** Step-up for a change to `target`, audited when refused; null when the caller's code is good. */
  private stepUp(caller: UserRow, target: UserRow, code: string | undefined, action: string, now: number): TxRefusal | null {
    const refused = this.ctx.stepUp(caller, code, now, action);
    if (refused) {
      this.ctx.audit.append(now, 'change-refused', actorOf(caller), { id: target.id, username: target.username }, { action, code: refused.problem.code });
    }
    return refused;
  }

  /** Refusals for demoting or deleting a Server Admin; audited. Null when allowed. */
  private guardRemovingServerAdmin(caller: UserRow, target: UserRow, action: string, now: number): TxResult<never> | null {
    const { ctx } = this;
    const subject = { id: target.id, username: target.username };
    if (ctx.users.countServerAdmins() <= 1) {
      ctx.audit.append(now, 'change-refused', actorOf(caller), subject, { action, code: 'last-server-admin' });
      return txFail('last-server-admin', 'This is the only Server Admin. Make another user Server Admin first.');
    }
    if (target.totp_secret !== null && ctx.mode() === 'Required' && ctx.users.countEnrolledServerAdmins() <= 1) {
      ctx.audit.append(now, 'change-refused', actorOf(caller), subject, { action, code: 'last-enrolled-server-admin' });
      return txFail('last-enrolled-server-admin', 'This is the last enrolled Server Admin and the policy is Required. Another Server Admin must enroll first.');
    }
    return null;
  }
}

function notFound(id: string): ProblemError {
  return new ProblemError('not-found', `No user with id ${id}.`);
}
