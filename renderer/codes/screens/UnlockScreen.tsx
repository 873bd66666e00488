import { useState } from 'react';
import { SecretField } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { useCodes, useCodesActions } from '../context';
import { GateCard } from '../../ui/GateCard';

/** The locked vault: password, or the OS keychain when the vault has a keychain slot. */
export function UnlockScreen() {
  const actions = useCodesActions();
  const hasKeychainSlot = useCodes((s) => s.status?.hasKeychainSlot ?? false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [keychainError, setKeychainError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (!password) {
      setError('Enter your password.');
      return;
    }
    setBusy(true);
    const result = await actions.unlock(password);
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      setPassword('');
      // Back to the field, so the next try is just typing (the click may have moved focus).
      document.querySelector<HTMLInputElement>('.gate-card .input')?.focus();
    }
  }

  async function unlockWithKeychain() {
    setBusy(true);
    const result = await actions.unlockWithKeychain();
    setBusy(false);
    if (!result.ok) setKeychainError(result.error.message);
  }

  return (
    <GateCard title="Unlock Twofold" onSubmit={() => void submit()}>
      <p className="gate-text">Enter your password to see your codes.</p>
      <SecretField
        label="Password"
        value={password}
        error={error}
        autoFocus
        onChange={(e) => {
          setPassword(e.target.value);
          setError(null);
        }}
      />
      <button type="submit" className="btn btn-primary btn-block gate-submit" disabled={busy}>
        Unlock
      </button>
      {hasKeychainSlot && (
        <>
          <div className="gate-or">
            <span>or</span>
          </div>
          <button type="button" className="btn btn-block" disabled={busy} onClick={unlockWithKeychain}>
            <Icon name="fingerprint" />
            Unlock with system keychain
          </button>
          {keychainError && (
            <p className="field-error" role="alert">
              {keychainError}
            </p>
          )}
        </>
      )}
    </GateCard>
  );
}
