import { effectiveMode, policyChangeBlocker, policyChangeWeakens, type Policy, type PolicyUpdateRequest, type ProblemCode } from '../../shared/admin-api';
import type { AuditActor } from '../domain/audit-log';
import type { Caller } from '../domain/credential-store';
import { ProblemError, txFail, txOk, unwrap } from '../domain/problem-error';
import type { UserRow } from '../domain/user-repo';
import { verifyFailure, type ServiceContext } from './context';
import { applyModeChangeToDeadlines } from './enrollment-demand';

const BLOCKER_DETAIL: Partial<Record<ProblemCode, string>> = {
  'policy-no-enrolled-server-admin': 'No Server Admin has enrolled an authenticator; under Required nobody could administer the server. Enroll first.',
  'policy-caller-not-enrolled': 'Enroll your own authenticator first: switching to Required, leaving it or switching MFA off needs a current code from you.',
  'mfa-code-required': 'Enter the current code from your authenticator (as currentCode): switching to Required, leaving it or switching MFA off needs one.',
};

/** A strong ETag for a policy version (RFC 9110 §8.8.3). */
export const policyEtag = (p: Policy): string => `"policy-v${p.version}"`;

/**
 * The MFA policy with optimistic concurrency (If-Match) and the lockout safeguard for Required:
 * at least one Server Admin enrolled, the caller enrolled, and a valid current code from the
 * caller — checked and written in one transaction.
 */
export class PolicyService {
  constructor(private readonly ctx: ServiceContext) {}

  get(): Policy {
    return this.ctx.policy.get();
  }

  update(caller: UserRow, credential: Caller | null, ifMatch: string | undefined, req: PolicyUpdateRequest): Policy {
    const { ctx } = this;
    if (ifMatch === undefined || ifMatch.trim() === '' || ifMatch.trim() === '*') {
      throw new ProblemError('precondition-required', 'Send If-Match with the ETag from GET /mfa/policy, so two admins cannot overwrite each other.');
    }
    const actor: AuditActor = { id: caller.id, username: caller.username, via: 'api' };
    // Alone, not in a group commit: mfa.json is written inside this transaction, and a batch
    // whose commit failed afterwards would leave the file changed without its audit row.
    return unwrap(
      ctx.txAlone(() => {
        const now = ctx.clock.now();
        const current = ctx.policy.get();
        const tags = ifMatch.split(',').map((t) => t.trim());
        if (!tags.includes(policyEtag(current))) {
          return txFail('precondition-failed', `The policy changed since you read it (now version ${current.version}). Reload it and apply your change again.`);
        }
        const from = effectiveMode(current);
        const to = effectiveMode(req);
        const refuse = (code: Parameters<typeof txFail>[0], detail: string) => {
          ctx.audit.append(now, 'policy-change-refused', actor, null, { code, from, to });
          return txFail(code, detail, code === 'mfa-code-required' ? { field: 'currentCode' } : {});
        };
        const me = ctx.users.byId(caller.id);
        // The rule itself is shared with the client (shared/admin-api/rules.ts); here it runs
        // inside the transaction that writes, so no concurrent change can slip in between.
        const blocker = policyChangeBlocker({
          target: to,
          current: from,
          callerEnrolled: me?.totp_secret != null,
          codeSupplied: req.currentCode !== undefined,
          enrolledServerAdmins: ctx.users.countEnrolledServerAdmins(),
        });
        if (blocker) return refuse(blocker, BLOCKER_DETAIL[blocker] ?? 'The policy change is refused.');
        if (to === 'Required' && from !== 'Required' && me?.totp_secret && req.currentCode !== undefined) {
          const outcome = ctx.totp.verify(me, me.totp_secret, req.currentCode, now, 'policy-change', actor);
          if (!outcome.ok) {
            ctx.audit.append(now, 'policy-change-refused', actor, null, { code: outcome.code, from, to });
            return verifyFailure(outcome, now);
          }
          if (credential) ctx.credentials.markMfaVerified(credential);
        }
        // Step-up: leaving Required, or switching enforcement off, weakens every account's protection.
        if (policyChangeWeakens(from, to)) {
          if (!me) return txFail('unauthenticated', 'Your account no longer exists.');
          const refused = ctx.stepUp(me, req.currentCode, now, from === 'Required' ? 'leaving Required' : 'switching MFA off');
          if (refused) {
            ctx.audit.append(now, 'policy-change-refused', actor, null, { code: refused.problem.code, from, to });
            return refused;
          }
        }
        // Entering Required: what was issued with a password alone is deleted, not only refused.
        const removed = to === 'Required' && from !== 'Required' ? ctx.credentials.deleteUnverified() : null;
        const gracePeriodDays = req.gracePeriodDays ?? current.gracePeriodDays;
        const deadlinesSet = applyModeChangeToDeadlines(ctx, from, to, gracePeriodDays, now);
        // The audit row first, the file last: if the file write fails, the transaction rolls back
        // and neither changes; nothing that can fail runs after the file is replaced.
        ctx.audit.append(now, 'policy-changed', actor, null, {
          fromGracePeriodDays: current.gracePeriodDays,
          toGracePeriodDays: gracePeriodDays,
          ...(deadlinesSet > 0 ? { deadlinesSet } : {}),
          fromMode: current.enforcementMode,
          toMode: req.enforcementMode,
          fromEnabled: current.enabled,
          toEnabled: req.enabled,
          issuer: req.issuer,
          version: current.version + 1,
          ...(removed ? { revokedSessions: removed.sessions, revokedApiKeys: removed.apiKeys } : {}),
        });
        const saved = ctx.policy.save({ enabled: req.enabled, enforcementMode: req.enforcementMode, issuer: req.issuer, gracePeriodDays, updatedBy: caller.username }, now);
        return txOk(saved);
      }),
    );
  }
}
