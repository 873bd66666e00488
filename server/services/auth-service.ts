import type { AuthenticatedResponse, EnrollmentStartResponse, LoginRequest, LoginResponse } from '../../shared/admin-api';
import type { AuditActor } from '../domain/audit-log';
import type { TicketRow } from '../domain/credential-store';
import type { IssuedSet, RecoveryMatch } from '../domain/recovery-codes';
import { ProblemError, txFail, txOk, unwrap, type TxResult } from '../domain/problem-error';
import { checkPasswordThrottled } from './password-check';
import { toSessionUser, type UserRow } from '../domain/user-repo';
import { verifyFailure, type ServiceContext } from './context';
import { confirmPendingEnrollment, startPendingEnrollment } from './enrollment';
import { enrollmentDemand } from './enrollment-demand';
import { matchRecoveryCode, useRecoveryCode } from './recovery';

/** The second step: a TOTP code, or (for an `mfa` ticket) a recovery code in canonical form. */
export type SecondFactor = { code: string } | { recoveryCode: string };

/** What the HTTP layer needs to finish a sign-in: the body, and a session token to set as a cookie. */
export interface SignIn {
  body: AuthenticatedResponse;
  /** Key material: the session cookie value. */
  sessionToken?: string;
  sessionExpiresAt?: number;
}

const actorOf = (user: UserRow): AuditActor => ({ id: user.id, username: user.username, via: 'api' });
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Sign-in: the password step, then (when the policy asks for it) the TOTP step with a ticket.
 * The ticket is a 256-bit token, stored hashed, valid 5 minutes, spent by the first correct code.
 */
export class AuthService {
  constructor(private readonly ctx: ServiceContext) {}

  /** `ip`: the client address (X-Forwarded-For only from a configured proxy), for the throttle. */
  async login(req: LoginRequest, ip: string): Promise<LoginResponse | SignIn> {
    const { ctx } = this;
    const wrong = new ProblemError('invalid-credentials', 'The username or password is wrong.');
    return checkPasswordThrottled(ctx, { username: req.username, password: req.password, ip, entryPoint: 'login', wrong }, (fresh, _permit, now): TxResult<LoginResponse | SignIn> => {
      const mode = ctx.mode();
      const enrolled = fresh.totp_secret !== null;
      const apiKeyName = req.issue === 'apiKey' ? (req.apiKeyName ?? 'Twofold desktop') : null;
      const demand = enrollmentDemand(mode, fresh, now);
      if (mode !== 'Disabled' && (enrolled || demand.kind === 'required')) {
        const kind: TicketRow['kind'] = enrolled ? 'mfa' : 'enrollment';
        const t = ctx.credentials.issueTicket(fresh, kind, req.issue, apiKeyName, now);
        return txOk({
          result: enrolled ? 'mfa_required' : 'mfa_enrollment_required',
          challenge: { ticket: t.ticket, expiresAt: iso(t.expiresAt) },
        } satisfies LoginResponse);
      }
      const signIn = this.finish(fresh, req.issue, apiKeyName, false, now, 'password');
      if (demand.kind === 'grace') signIn.body.enrollmentDue = { enrollBy: iso(demand.enrollBy) };
      return txOk(signIn);
    });
  }

  /** Starts enrollment for an `mfa_enrollment_required` ticket; the ticket stays valid for the code. */
  loginEnrollment(ticket: string): EnrollmentStartResponse {
    const { ctx } = this;
    return unwrap(
      ctx.tx(() => {
        const now = ctx.clock.now();
        const found = ctx.credentials.findTicket(ticket, now);
        if (!found.ok) return challengeProblem(found.code);
        if (found.ticket.kind !== 'enrollment') {
          return txFail('challenge-invalid', 'This ticket is for entering a code, not for enrolling. Send it to /auth/login/totp.');
        }
        const { user } = found;
        if (user.totp_secret !== null) return txFail('challenge-invalid', 'MFA is already enrolled for this account. Sign in again.', { restartLogin: true });
        return txOk(startPendingEnrollment(ctx, user, actorOf(user), now));
      }),
    );
  }

  /**
   * The second step: a correct TOTP code (or, for an `mfa` ticket, an unused recovery code) spends
   * the ticket and signs in. For an enrollment ticket the code completes enrollment first, and the
   * answer carries the new recovery codes, once. The slow hashing (a new set, or matching a
   * recovery code) runs before the transaction; the transaction re-reads everything it decides on.
   */
  async loginTotp(ticket: string, factor: SecondFactor): Promise<SignIn> {
    const { ctx } = this;
    const peek = ctx.credentials.findTicket(ticket, ctx.clock.now());
    let newSet: IssuedSet | null = null;
    let match: RecoveryMatch = null;
    if (peek.ok) {
      if (peek.ticket.kind === 'enrollment' && 'code' in factor) newSet = await ctx.recovery.newSet();
      if (peek.ticket.kind === 'mfa' && 'recoveryCode' in factor) match = await matchRecoveryCode(ctx, peek.user, factor.recoveryCode);
    }
    return unwrap(
      ctx.tx(() => {
        const now = ctx.clock.now();
        const found = ctx.credentials.findTicket(ticket, now);
        if (!found.ok) return challengeProblem(found.code);
        const { ticket: t, user } = found;
        let recoveryCodes: string[] | undefined;
        let recoveryCodesRemaining: number | undefined;
        if (t.kind === 'enrollment') {
          if (!('code' in factor) || newSet === null) {
            return txFail('validation-failed', 'recoveryCode: this sign-in enrolls a new authenticator; enter a code from it (recovery codes come after enrolling).', { field: 'recoveryCode' });
          }
          const confirmed = confirmPendingEnrollment(ctx, user, factor.code, newSet, actorOf(user), now, 'login-enrollment');
          if (!confirmed.ok) return confirmed;
          recoveryCodes = confirmed.value;
        } else {
          if (user.totp_secret === null) return txFail('challenge-invalid', 'MFA was reset for this account meanwhile. Sign in again.', { restartLogin: true });
          if ('recoveryCode' in factor) {
            const used = useRecoveryCode(ctx, user, match, now, 'login', actorOf(user));
            if (!used.ok) return verifyFailure(used, now);
            recoveryCodesRemaining = used.remaining;
          } else {
            const outcome = ctx.totp.verify(user, user.totp_secret, factor.code, now, 'login', actorOf(user));
            if (!outcome.ok) return verifyFailure(outcome, now);
          }
        }
        if (!ctx.credentials.consumeTicket(t.id, now)) return challengeProblem('challenge-used');
        const signIn = this.finish(user, t.issue, t.api_key_name, true, now, recoveryCodesRemaining === undefined ? 'totp' : 'recovery-code');
        if (recoveryCodes) signIn.body.recoveryCodes = recoveryCodes;
        if (recoveryCodesRemaining !== undefined) signIn.body.recoveryCodesRemaining = recoveryCodesRemaining;
        return txOk(signIn);
      }),
    );
  }

  private finish(user: UserRow, issue: 'session' | 'apiKey', apiKeyName: string | null, mfaVerified: boolean, now: number, step: string): SignIn {
    const { ctx } = this;
    ctx.audit.append(now, 'login-succeeded', actorOf(user), { id: user.id, username: user.username }, { issue, step });
    const body: AuthenticatedResponse = { result: 'authenticated', user: toSessionUser(user) };
    if (issue === 'apiKey') {
      const key = ctx.credentials.createApiKey(user, apiKeyName ?? 'Twofold desktop', mfaVerified, now);
      body.apiKey = { id: key.id, name: apiKeyName ?? 'Twofold desktop', token: key.token, expiresAt: iso(key.expiresAt) };
      return { body };
    }
    const session = ctx.credentials.createSession(user, mfaVerified, now);
    body.sessionExpiresAt = iso(session.expiresAt);
    return { body, sessionToken: session.token, sessionExpiresAt: session.expiresAt };
  }
}

function challengeProblem(code: 'challenge-invalid' | 'challenge-expired' | 'challenge-used'): TxResult<never> {
  const detail = {
    'challenge-invalid': 'The sign-in ticket is not valid. Sign in again with your password.',
    'challenge-expired': 'The sign-in ticket expired (they last 5 minutes). Sign in again with your password.',
    'challenge-used': 'The sign-in ticket was already used. Sign in again with your password.',
  }[code];
  return txFail(code, detail, { restartLogin: true });
}

export function isSignIn(r: LoginResponse | SignIn): r is SignIn {
  return 'body' in r;
}
