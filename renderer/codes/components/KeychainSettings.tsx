import { useState } from 'react';
import { SecretField } from '../../ui/Field';
import { useCodes, useCodesActions } from '../context';
import { KeychainOption } from './KeychainOption';

/**
 * Settings → keychain unlock. Changing it asks for the vault password first: adding a keychain
 * slot lets the vault open without the password, and main checks the password (rate-limited)
 * before it adds or removes the slot. An insecure keychain is confirmed in a native dialog.
 */
export function KeychainSettings() {
  const actions = useCodesActions();
  const status = useCodes((s) => s.status);
  const availability = useCodes((s) => s.keychain);
  const current = status?.hasKeychainSlot ?? false;
  const [wanted, setWanted] = useState(current);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pending = wanted !== current;

  function reset() {
    setWanted(current);
    setPassword('');
    setError(null);
  }

  async function apply() {
    setBusy(true);
    const result = await actions.setKeychain(wanted, password);
    setBusy(false);
    setPassword('');
    if (!result.ok) return setError(result.error.message);
    setError(null);
    actions.showToast(wanted ? 'Keychain unlock turned on' : 'Keychain unlock turned off', 'success');
  }

  return (
    <div className="keychain-settings">
      <KeychainOption
        availability={availability}
        enabled={wanted}
        onChange={(next) => {
          setWanted(next);
          setError(null);
        }}
        label="Unlock with the system keychain"
      />
      {pending && (
        <form
          className="subform"
          aria-label="Confirm keychain change"
          onSubmit={(e) => {
            e.preventDefault();
            void apply();
          }}
        >
          <SecretField
            label="Your Twofold password"
            hint={wanted ? 'Needed to let the keychain open your vault.' : 'Twofold re-encrypts the vault under a new key, so the keychain’s copy opens nothing.'}
            value={password}
            error={error}
            autoComplete="current-password"
            onChange={(e) => {
              setPassword(e.target.value);
              setError(null);
            }}
          />
          <div className="subform-actions">
            <button type="button" className="btn" onClick={reset}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" disabled={busy || !password}>
              {wanted ? 'Turn on keychain unlock' : 'Turn off keychain unlock'}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
