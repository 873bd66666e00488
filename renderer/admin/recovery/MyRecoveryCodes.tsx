import { useState } from 'react';
import { RECOVERY_CODE_RULES, type MeMfaResponse } from '../../../shared/admin-api';
import { SecretField, TextField } from '../../ui/Field';
import { useAdmin, useAdminActions } from '../context';

/** "N recovery codes left", a warning at 2 or fewer, and a new set for the password and a current code. */
export function MyRecoveryCodes({ me }: { me: MeMfaResponse }) {
  const actions = useAdminActions();
  const busy = useAdmin((s) => s.myMfa.busy);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const remaining = me.recoveryCodesRemaining ?? null;
  if (!me.enrolled || remaining === null) return null;
  const low = remaining <= RECOVERY_CODE_RULES.warnAtOrBelow;
  const clean = code.replace(/\s+/g, '');
  return (
    <form
      className="admin-form"
      aria-label="Recovery codes"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        if (await actions.regenerateRecoveryCodes(password, clean)) {
          setPassword('');
          setCode('');
        }
      }}
    >
      <p className={low ? 'recovery-low' : 'admin-muted'} data-testid="my-recovery-remaining" role={low ? 'status' : undefined}>
        {remaining === 0 ? 'You have no recovery codes left.' : `${remaining} of ${RECOVERY_CODE_RULES.count} recovery codes left.`}
        {low ? ' Get new ones so you can still sign in if you lose your authenticator.' : ''}
      </p>
      <SecretField label="Server password" value={password} onChange={(e) => setPassword(e.target.value)} />
      <TextField label="Current authenticator code" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
      <div className="admin-form-actions">
        <button type="submit" className="btn" disabled={!password || !/^\d{6}$/.test(clean) || busy}>
          Get new recovery codes
        </button>
      </div>
    </form>
  );
}
