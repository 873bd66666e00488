import { useCallback, useEffect, useId, useState } from 'react';
import { ENFORCEMENT_MODES, PROBLEMS, effectiveMode, policyChangeBlocker, type EnforcementMode, type Policy, type PolicyUpdateRequest, type ProblemCode } from '../../../shared/admin-api';
import { TextField } from '../../ui/Field';
import { CodeField } from '../code/CodeField';
import { useVaultCode } from '../code/use-vault-code';
import { useAdmin, useAdminActions } from '../context';
import { ConfirmModeDialog } from './ConfirmModeDialog';
import { GracePeriodField, parseGraceDays } from '../recovery/GracePeriodField';

/** Why the server would refuse, in words (the client explains; the server decides). */
const BLOCKER_TEXT: Partial<Record<ProblemCode, string>> = {
  'policy-no-enrolled-server-admin': 'No Server Admin is enrolled, so under Required nobody could sign in to change it back. Enroll a Server Admin first.',
  'policy-caller-not-enrolled': 'The server accepts this change only from an admin who is enrolled (it needs your code). Enroll yourself first.',
};

const MODE_TEXT: Record<EnforcementMode, string> = {
  Disabled: 'MFA is off: nobody is asked for a code.',
  Optional: 'Users who enrolled are asked for a code; others may enroll.',
  Required: 'Everyone must use a code; users not enrolled enroll at their next sign-in.',
};

/**
 * The policy edit form (issue #15.4): one control for "MFA enabled" and the mode (the API keeps
 * both fields), the lockout safeguard next to it, Save disabled with its reason while the window
 * knows the server would refuse, and a confirmation saying whom a mode change affects.
 */
export function PolicyForm({ policy, busy, callerEnrolled, enrolledServerAdmins }: { policy: Policy; busy: boolean; callerEnrolled: boolean | null; enrolledServerAdmins: number | null }) {
  const actions = useAdminActions();
  const etag = useAdmin((s) => s.policy.view?.etag ?? null);
  const draft = useAdmin((s) => (s.policyDraft && s.policyDraft.etag === etag ? s.policyDraft.values : null));
  const summary = useAdmin((s) => s.users.data?.summary ?? null);
  const current = effectiveMode(policy);
  const [target, setTarget] = useState<EnforcementMode>(() => (draft?.enabled === false ? 'Disabled' : (draft?.enforcementMode ?? current)));
  const [issuer, setIssuer] = useState(draft?.issuer ?? policy.issuer);
  const [grace, setGrace] = useState(String(draft?.gracePeriodDays ?? policy.gracePeriodDays));
  const graceDays = parseGraceDays(grace);
  const [code, setCode] = useState('');
  const [confirming, setConfirming] = useState(false);
  const reasonId = useId();
  const codeStatusId = useId();
  const safeguardId = useId();

  // Whatever the shared rule asks a code for: switching to Required, leaving it, switching MFA off.
  const needsCode = policyChangeBlocker({ target, current, callerEnrolled: true, codeSupplied: false, enrolledServerAdmins: 1 }) === 'mfa-code-required';
  const setFollowed = useCallback((value: string) => setCode(value), []);
  const follow = useVaultCode(needsCode, code, setFollowed);
  const cleanCode = code.replace(/\s+/g, '');
  const dirty = target !== current || issuer !== policy.issuer || graceDays !== policy.gracePeriodDays;

  useEffect(() => {
    actions.setPolicyDraft(dirty ? { enabled: target !== 'Disabled', enforcementMode: target, issuer, ...(graceDays !== null ? { gracePeriodDays: graceDays } : {}) } : null);
  }, [actions, dirty, target, issuer, graceDays]);

  const blocker =
    callerEnrolled !== null && enrolledServerAdmins !== null
      ? policyChangeBlocker({ target, current, callerEnrolled, codeSupplied: /^\d{6}$/.test(cleanCode), enrolledServerAdmins })
      : null;
  let reason: React.ReactNode = null;
  if (graceDays === null) {
    reason = 'The grace period must be a whole number of days from 0 to 30.';
  } else if (blocker === 'mfa-code-required') {
    reason = follow.waiting
      ? 'Waiting for the next code: the server already took the current one.'
      : cleanCode
        ? `The code must be exactly 6 digits (you entered ${cleanCode.length}).`
        : target === 'Required'
          ? 'Enter your current authenticator code: the server asks for it before switching to Required.'
          : 'Enter your current authenticator code: this change removes protection, so the server asks for it.';
  } else if (blocker) {
    reason = (
      <>
        <strong>{PROBLEMS[blocker].title}.</strong> {BLOCKER_TEXT[blocker]}{' '}
        <button type="button" className="btn btn-link btn-inline" onClick={() => void actions.show('my-mfa')}>
          Go to My MFA
        </button>
      </>
    );
  }

  const change = (): PolicyUpdateRequest => {
    // An unchanged mode keeps both stored fields as they are (e.g. enabled: false with mode Optional).
    const mode = target === current ? { enabled: policy.enabled, enforcementMode: policy.enforcementMode } : { enabled: target !== 'Disabled', enforcementMode: target };
    return { ...mode, issuer, ...(graceDays !== null ? { gracePeriodDays: graceDays } : {}), ...(needsCode && cleanCode ? { currentCode: cleanCode } : {}) };
  };

  return (
    <form
      className="admin-form"
      aria-label="Change the policy"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!dirty || blocker || busy || graceDays === null) return;
        if (target !== current) setConfirming(true);
        else void actions.savePolicy(change());
      }}
    >
      <fieldset className="mode-control" aria-describedby={safeguardId}>
        <legend className="field-label">Enforcement</legend>
        {ENFORCEMENT_MODES.map((mode) => (
          <label key={mode} className="mode-option">
            <input type="radio" name="enforcement" value={mode} checked={target === mode} onChange={() => setTarget(mode)} />
            <span>
              <span className="mode-name">{mode}</span>
              <span className="mode-text">{MODE_TEXT[mode]}</span>
            </span>
          </label>
        ))}
        <p id={safeguardId} className="field-hint mode-safeguard" data-testid="policy-safeguard">
          Lockout safeguard: the server accepts Required only from an enrolled Server Admin with a current code, and only while at least one Server Admin is
          enrolled, so someone can always sign in to change it back.
        </p>
      </fieldset>
      <TextField label="Issuer" value={issuer} hint="The name authenticator apps show for this server." onChange={(e) => setIssuer(e.target.value)} />
      <GracePeriodField value={grace} onChange={setGrace} membersNotEnrolled={summary?.membersNotEnrolled ?? null} />
      {needsCode && <CodeField label="Your authenticator code" value={code} follow={follow} statusId={codeStatusId} testId="policy-code-source" />}
      <div className="admin-form-actions">
        <button type="submit" className="btn btn-primary" disabled={!dirty || busy || blocker !== null || graceDays === null} aria-describedby={dirty && reason ? reasonId : undefined}>
          {busy ? 'Saving…' : 'Save policy'}
        </button>
        {dirty && reason && (
          <p id={reasonId} className="field-hint save-reason" data-testid="policy-precheck">
            {reason}
          </p>
        )}
      </div>
      {confirming && (
        <span onSubmit={(e) => e.stopPropagation()}>
          <ConfirmModeDialog
            from={current}
            to={target}
            summary={summary}
            onCancel={() => setConfirming(false)}
            onConfirm={() => {
              setConfirming(false);
              void actions.savePolicy(change());
            }}
          />
        </span>
      )}
    </form>
  );
}
