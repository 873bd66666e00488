import { useCallback, useId, useState } from 'react';
import { SecretField } from '../../ui/Field';
import { CodeField } from '../code/CodeField';
import { useVaultCode } from '../code/use-vault-code';
import { Icon } from '../../ui/Icon';
import { useAdmin, useAdminActions } from '../context';
import { formatTime } from '../store/policy-diff';
import { ErrorLine } from './PolicyView';
import { MyRecoveryCodes } from '../recovery/MyRecoveryCodes';
import { RecoveryCodesPanel } from '../recovery/RecoveryCodesPanel';

/** Your own MFA: status, one-step "Enroll with Twofold", and disable (password + code) unless Required. */
export function MyMfaView() {
  const actions = useAdminActions();
  const state = useAdmin((s) => s.myMfa);
  const me = state.data;
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const setFollowed = useCallback((value: string) => setCode(value), []);
  const follow = useVaultCode(Boolean(me?.enrolled && me.canDisable), code, setFollowed);
  const codeStatusId = useId();

  if (!me) return state.error ? <ErrorLine text={state.error} /> : <p className="admin-muted">Loading…</p>;
  const status = me.locked ? 'Locked' : me.enrolled ? 'Enrolled' : me.pendingEnrollment ? 'Pending' : 'Not enrolled';

  return (
    <section className="admin-section" aria-labelledby="my-mfa-title">
      <h2 id="my-mfa-title" className="admin-h2">
        My MFA
      </h2>
      <dl className="admin-facts">
        <dt>Status</dt>
        <dd data-testid="my-mfa-status">{status}</dd>
        <dt>Enrolled</dt>
        <dd>{formatTime(me.enrolledAt)}</dd>
        <dt>Last used</dt>
        <dd>{formatTime(me.lastUsedAt)}</dd>
        <dt>Policy</dt>
        <dd>{me.enforcementMode}</dd>
      </dl>
      {state.error && <ErrorLine text={state.error} />}
      {state.notice && (
        <p className="admin-notice" role="status">
          <Icon name="check" size={16} /> {state.notice}
        </p>
      )}
      {!me.enrolled && (
        <form
          className="admin-form"
          aria-label="Enroll with Twofold"
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            if (await actions.enrollMe(password)) setPassword('');
          }}
        >
          <p className="admin-muted">The server creates your key, Twofold keeps it in your vault and confirms it with the current code. Confirm with your server password.</p>
          <SecretField label="Server password" value={password} onChange={(e) => setPassword(e.target.value)} />
          <div className="admin-form-actions">
            <button type="submit" className="btn btn-primary" disabled={!password || state.busy}>
              {state.busy ? 'Enrolling…' : 'Enroll with Twofold'}
            </button>
          </div>
        </form>
      )}
      {me.enrolled && !me.canDisable && <p className="admin-muted">The policy is Required: two-step sign-in cannot be turned off.</p>}
      {me.enrolled && me.canDisable && (
        <form
          className="admin-form"
          aria-label="Disable MFA"
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            if (await actions.disableMyMfa(password, code.replace(/\s+/g, ''))) setPassword('');
          }}
        >
          <p className="admin-muted">Turn off two-step sign-in for your account. Confirm with your server password and a current code.</p>
          <SecretField label="Server password" value={password} onChange={(e) => setPassword(e.target.value)} />
          <CodeField label="Authenticator code" value={code} follow={follow} statusId={codeStatusId} testId="disable-code-source" />
          <div className="admin-form-actions">
            <button type="submit" className="btn btn-danger" disabled={!password || state.busy || follow.waiting} aria-describedby={follow.waiting ? codeStatusId : undefined}>
              Disable MFA
            </button>
          </div>
        </form>
      )}
      <RecoveryCodesPanel />
      <MyRecoveryCodes me={me} />
    </section>
  );
}
