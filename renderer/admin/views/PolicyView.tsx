import { useEffect, useState } from 'react';
import { ENFORCEMENT_MODES, PROBLEMS, effectiveMode, policyChangeBlocker, type EnforcementMode, type Policy, type ProblemCode } from '../../../shared/admin-api';
import { CheckField, SelectField, TextField } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { useAdmin, useAdminActions } from '../context';
import { formatTime } from '../store/policy-diff';

/** Why the server would refuse, in words (the client explains; the server decides). */
const BLOCKER_TEXT: Partial<Record<ProblemCode, string>> = {
  'policy-no-enrolled-server-admin': 'Under Required nobody could sign in to change it back, so the server will refuse. Enroll a Server Admin first (My MFA → Enroll with Twofold).',
  'policy-caller-not-enrolled': 'The server only accepts Required from an admin who is enrolled. Enroll first under My MFA.',
  'mfa-code-required': 'Enter your current authenticator code: the server asks for it before switching to Required.',
};

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
        <dt>Enabled</dt>
        <dd>{policy.enabled ? 'Yes' : 'No'}</dd>
        <dt>Enforcement</dt>
        <dd data-testid="policy-mode">{policy.enforcementMode}</dd>
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

function PolicyForm({ policy, busy, callerEnrolled, enrolledServerAdmins }: { policy: Policy; busy: boolean; callerEnrolled: boolean | null; enrolledServerAdmins: number | null }) {
  const actions = useAdminActions();
  const [enabled, setEnabled] = useState(policy.enabled);
  const [mode, setMode] = useState<EnforcementMode>(policy.enforcementMode);
  const [issuer, setIssuer] = useState(policy.issuer);
  const [code, setCode] = useState('');
  const [codeSource, setCodeSource] = useState<string | null>(null);

  const current = effectiveMode(policy);
  const target = enabled ? mode : 'Disabled';
  const needsCode = target === 'Required' && current !== 'Required';

  useEffect(() => {
    if (!needsCode) return;
    let live = true;
    void actions.suggestMyCode().then((suggestion) => {
      if (!live || !suggestion) return;
      setCode((typed) => typed || suggestion.code);
      setCodeSource(suggestion.accountLabel);
    });
    return () => void (live = false);
  }, [needsCode, actions]);

  const blocker =
    callerEnrolled !== null && enrolledServerAdmins !== null
      ? policyChangeBlocker({ target, current, callerEnrolled, codeSupplied: /^\d{6}$/.test(code), enrolledServerAdmins })
      : null;
  const dirty = enabled !== policy.enabled || mode !== policy.enforcementMode || issuer !== policy.issuer;

  return (
    <form
      className="admin-form"
      aria-label="Change the policy"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void actions.savePolicy({ enabled, enforcementMode: mode, issuer, ...(needsCode && code ? { currentCode: code.replace(/\s+/g, '') } : {}) });
      }}
    >
      <CheckField label="MFA enabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} description="Off behaves as Disabled, whatever the mode." />
      <SelectField label="Enforcement" value={mode} options={ENFORCEMENT_MODES.map((m) => ({ value: m, label: m }))} onChange={(e) => setMode(e.target.value as EnforcementMode)} />
      <TextField label="Issuer" value={issuer} hint="The name authenticator apps show for this server." onChange={(e) => setIssuer(e.target.value)} />
      {needsCode && (
        <TextField
          label="Your authenticator code"
          value={code}
          mono
          inputMode="numeric"
          maxLength={8}
          hint={codeSource ? <span data-testid="policy-code-source">Filled in from your vault: {codeSource}.</span> : 'The 6-digit code from your authenticator.'}
          onChange={(e) => (setCode(e.target.value), setCodeSource(null))}
        />
      )}
      {blocker && (
        <div className="callout callout-warning" role="status" data-testid="policy-precheck">
          <Icon name="alert" size={16} />
          <span>
            <strong>{PROBLEMS[blocker].title}.</strong> {BLOCKER_TEXT[blocker]}
          </span>
        </div>
      )}
      <div className="admin-form-actions">
        <button type="submit" className="btn btn-primary" disabled={!dirty || busy}>
          {busy ? 'Saving…' : 'Save policy'}
        </button>
      </div>
    </form>
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
