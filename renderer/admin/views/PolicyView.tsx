import { effectiveMode } from '../../../shared/admin-api';
import { Icon } from '../../ui/Icon';
import { PolicyForm } from '../policy/PolicyForm';
import { useAdmin } from '../context';
import { formatTime } from '../store/policy-diff';

/** The MFA policy: who changed it when, and the edit form with the lockout safeguard explained. */
export function PolicyView() {
  const state = useAdmin((s) => s.policy);
  const isServerAdmin = useAdmin((s) => s.user?.isServerAdmin ?? false);
  const myMfa = useAdmin((s) => s.myMfa.data);
  const summary = useAdmin((s) => s.users.data?.summary ?? null);
  const policy = state.view?.policy;

  if (!policy || !state.view) {
    return state.error ? <ErrorLine text={state.error} /> : <p className="admin-muted">Loading the policy…</p>;
  }

  return (
    <section className="admin-section" aria-labelledby="policy-title">
      <h2 id="policy-title" className="admin-h2">
        MFA policy
      </h2>
      <dl className="admin-facts" aria-label="Current policy">
        <dt>Enforcement</dt>
        <dd data-testid="policy-mode">{effectiveMode(policy)}</dd>
        <dt>Issuer</dt>
        <dd>{policy.issuer}</dd>
        <dt>Last change</dt>
        <dd>
          {policy.updatedBy ? `${policy.updatedBy}, ${formatTime(policy.updatedAt)}` : `initial setting, ${formatTime(policy.updatedAt)}`} (version {policy.version})
        </dd>
      </dl>
      {state.error && <ErrorLine text={state.error} />}
      {state.notice && (
        <p className="admin-notice" role="status">
          <Icon name="check" size={16} /> {state.notice}
        </p>
      )}
      {isServerAdmin ? (
        // Keyed on the ETag: a new version (save, 412 reload) starts the form from what is stored;
        // reloading the same version (after signing in again) keeps what the user typed.
        <PolicyForm key={state.view.etag} policy={policy} busy={state.busy} callerEnrolled={myMfa?.enrolled ?? null} enrolledServerAdmins={summary?.serverAdminsEnrolled ?? null} />
      ) : (
        <p className="admin-muted">Only a Server Admin can change the policy.</p>
      )}
    </section>
  );
}

export function ErrorLine({ text }: { text: string }) {
  return (
    <p className="callout callout-danger" role="alert">
      <Icon name="alert" size={16} />
      <span>{text}</span>
    </p>
  );
}
