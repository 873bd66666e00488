import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { EnforcementModeSchema, effectiveMode, IssuerSchema, UsernameSchema, type EnforcementMode, type Role } from '../../shared/admin-api';
import { contextWords, judgePassword } from '../../shared/password-rules';
import type { SecretBox } from '../crypto/secret-box';
import { verifyAuditChain } from '../domain/audit-chain';
import { HOST_ACTOR } from '../domain/audit-log';
import { newId } from '../crypto/tokens';
import type { ServiceContext } from '../services/context';
import { applyModeChangeToDeadlines } from '../services/enrollment-demand';
import { UsageError } from './args';

/**
 * Host-side commands: run on the server's machine with the data directory locked (the server
 * stopped). They are the recovery path when every admin is locked out, so `mfa reset` and
 * `policy set` deliberately bypass the lockout safeguard, and every use is audited as
 * `via: host-command`.
 */

/** The server's password rules (shared/password-rules.ts), as for POST /users and /me/password. */
export function validatePassword(password: string, username: string, issuer: string): string {
  const verdict = judgePassword(password, contextWords(username, issuer));
  if (verdict.refusal) throw new UsageError(`Password refused: ${verdict.message}`);
  return password;
}

export async function addUser(ctx: ServiceContext, username: string, role: Role, password: string): Promise<string> {
  if (!UsernameSchema.safeParse(username).success) throw new UsageError(`"${username}" is not a valid username (1-64 letters, digits, ".", "_", "@", "-").`);
  if (ctx.users.byUsername(username)) throw new UsageError(`A user named "${username}" already exists.`);
  const hash = await ctx.hasher.hash(validatePassword(password, username, ctx.policy.get().issuer));
  const id = newId('u');
  const now = ctx.clock.now();
  ctx.db.transaction(() => {
    ctx.users.insert({ id, username, password_hash: hash, role, permissions: '[]', created_at: now });
    ctx.audit.append(now, 'user-created', HOST_ACTOR, { id, username }, { role });
  })();
  return id;
}

/** Sets a new password and revokes every session, API key and open ticket of the user. */
export async function setPassword(ctx: ServiceContext, username: string, password: string): Promise<void> {
  const user = ctx.users.byUsername(username);
  if (!user) throw new UsageError(`No user named "${username}".`);
  const hash = await ctx.hasher.hash(validatePassword(password, user.username, ctx.policy.get().issuer));
  ctx.db.transaction(() => {
    ctx.users.setPasswordHash(user.id, hash);
    ctx.credentials.revokeAllFor(user.id);
    ctx.audit.append(ctx.clock.now(), 'password-changed', HOST_ACTOR, { id: user.id, username: user.username });
  })();
}

/** Clears a user's TOTP lockout and password delays, keeping the authenticator (audited). */
export function unlockUser(ctx: ServiceContext, username: string): void {
  const user = ctx.users.byUsername(username);
  if (!user) throw new UsageError(`No user named "${username}".`);
  ctx.db.transaction(() => {
    ctx.users.clearLockout(user.id);
    ctx.throttle.unlock(user.username);
    ctx.audit.append(ctx.clock.now(), 'mfa-unlocked', HOST_ACTOR, { id: user.id, username: user.username });
  })();
}

/**
 * `audit verify`: the check of every start, on demand, as lines for the terminal. With the server
 * key it covers the sealed head too (events cut off the end, a recomputed chain); without it, the
 * chain only, and the line says so.
 */
export function auditVerifyReport(db: Database, box: SecretBox | null): { ok: boolean; line: string } {
  const check = verifyAuditChain(db, box);
  if (!check.ok) return { ok: false, line: `Audit log BROKEN at event id ${check.badId}: ${check.reason}.` };
  return check.headChecked
    ? { ok: true, line: `Audit log intact: ${check.events} events, hash chain verified, its end sealed by the server key.` }
    : {
        ok: true,
        line: `Audit log intact: ${check.events} events, hash chain verified. Its end was not checked (no server key: set TWOFOLD_SERVER_KEY or keep server.key in the data directory), so events cut off the end would not show.`,
      };
}

/** One line while no Server Admin has an authenticator: their password alone gives full control. */
export function notEnrolledWarning(ctx: ServiceContext): string | null {
  if (ctx.users.countEnrolledServerAdmins() > 0) return null;
  return 'WARNING: no Server Admin has enrolled an authenticator, so a Server Admin password alone controls this server. Sign in, enroll (My MFA), then switch the policy to Required.';
}

export function resetMfa(ctx: ServiceContext, username: string): void {
  const user = ctx.users.byUsername(username);
  if (!user) throw new UsageError(`No user named "${username}".`);
  ctx.db.transaction(() => {
    ctx.users.clearMfa(user.id);
    ctx.audit.append(ctx.clock.now(), 'mfa-reset', HOST_ACTOR, { id: user.id, username: user.username }, { safeguardBypassed: true });
  })();
}

export function setPolicy(ctx: ServiceContext, mode: string, issuer: string | undefined): void {
  const parsedMode = EnforcementModeSchema.safeParse(mode);
  if (!parsedMode.success) throw new UsageError('--mode must be Disabled, Optional or Required.');
  const current = ctx.policy.get();
  const nextIssuer = issuer ?? current.issuer;
  const issuerCheck = IssuerSchema.safeParse(nextIssuer);
  if (!issuerCheck.success) throw new UsageError(issuerCheck.error.issues[0]?.message ?? 'The issuer is not acceptable.');
  const enforcementMode: EnforcementMode = parsedMode.data;
  const now = ctx.clock.now();
  ctx.db.transaction(() => {
    ctx.audit.append(now, 'policy-changed', HOST_ACTOR, null, {
      fromMode: current.enforcementMode,
      toMode: enforcementMode,
      fromEnabled: current.enabled,
      toEnabled: enforcementMode !== 'Disabled',
      issuer: nextIssuer,
      version: current.version + 1,
      safeguardBypassed: true,
    });
    // Entering Required deletes what was issued with a password alone, as the API does.
    if (enforcementMode === 'Required' && effectiveMode(current) !== 'Required') ctx.credentials.deleteUnverified();
    applyModeChangeToDeadlines(ctx, effectiveMode(current), enforcementMode, current.gracePeriodDays, now);
    ctx.policy.save({ enabled: enforcementMode !== 'Disabled', enforcementMode, issuer: nextIssuer, updatedBy: 'host-command' }, now);
  })();
}

/**
 * First start on an empty data directory: creates the Server Admin `admin` with
 * TWOFOLD_ADMIN_PASSWORD, or a generated password that is returned to be printed once.
 */
export async function ensureInitialAdmin(ctx: ServiceContext, envPassword: string | undefined): Promise<{ created: boolean; generatedPassword?: string }> {
  if (ctx.users.summary().total > 0) return { created: false };
  // 120 random bits always pass the rules; the loop only guards against a draw that spells a context word.
  let generated: string | undefined;
  while (!envPassword && (generated === undefined || judgePassword(generated, contextWords('admin', ctx.policy.get().issuer)).refusal)) {
    generated = randomBytes(15).toString('base64url');
  }
  await addUser(ctx, 'admin', 'server_admin', envPassword || (generated as string));
  return generated ? { created: true, generatedPassword: generated } : { created: true };
}
