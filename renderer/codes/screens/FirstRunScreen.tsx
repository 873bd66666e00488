import { useId, useState } from 'react';
import { SecretField } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { KeychainOption } from '../components/KeychainOption';
import { PasswordStrengthMeter } from '../components/PasswordStrengthMeter';
import { errorsByField } from '../components/form-errors';
import { useCodes, useCodesActions } from '../context';
import { MIN_PASSWORD_LENGTH } from '../store/password-strength';
import { GateCard } from '../../ui/GateCard';

type Field = 'password' | 'confirm' | 'keychain';

/** First run: create the vault with a password (twice), optionally a keychain slot too. */
export function FirstRunScreen() {
  const actions = useCodesActions();
  const availability = useCodes((s) => s.keychain);
  const strengthId = useId();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [keychain, setKeychain] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);

  async function submit() {
    const local: Partial<Record<Field, string>> = {};
    if ([...password].length < MIN_PASSWORD_LENGTH) local.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
    else if (password !== confirm) local.confirm = 'The passwords do not match. Type the same password twice.';
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    const result = await actions.createVault(password, { keychain });
    setBusy(false);
    if (!result.ok) setErrors(errorsByField(result.error, ['password', 'confirm', 'keychain'], result.error.code.startsWith('keychain') ? 'keychain' : 'password'));
  }

  return (
    <GateCard title="Create your vault" wide onSubmit={() => void submit()}>
      <p className="gate-text">
        Twofold keeps your accounts in an encrypted vault on this computer. Choose a password to protect it — it cannot be recovered if
        you forget it.
      </p>
      <SecretField
        label="Password"
        value={password}
        error={errors.password}
        autoFocus
        aria-describedby={strengthId}
        onChange={(e) => {
          setPassword(e.target.value);
          setErrors({});
        }}
      />
      <PasswordStrengthMeter password={password} id={strengthId} />
      <SecretField
        label="Confirm password"
        value={confirm}
        error={errors.confirm}
        onChange={(e) => {
          setConfirm(e.target.value);
          setErrors({});
        }}
      />
      <div className="gate-divider" />
      <KeychainOption availability={availability} enabled={keychain} onChange={setKeychain} />
      {errors.keychain && (
        <p className="field-error" role="alert">
          {errors.keychain}
        </p>
      )}
      <button type="submit" className="btn btn-primary btn-block gate-submit" disabled={busy}>
        {busy ? 'Creating…' : 'Create vault'}
      </button>
      <p className="gate-footnote">
        <Icon name="lock" size={14} /> Encrypted with AES-256-GCM; the password is stretched with scrypt.
      </p>
    </GateCard>
  );
}
