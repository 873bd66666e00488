import { useState } from 'react';
import { SecretField } from '../../ui/Field';
import { GateCard } from '../../ui/GateCard';
import { useAdminActions } from '../context';

/** The vault keeps the servers' API keys, so the admin window needs it unlocked. */
export function UnlockVault({ missing }: { missing: boolean }) {
  const actions = useAdminActions();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function unlock() {
    if (!password) return setError('Enter your password.');
    setBusy(true);
    const result = await actions.unlockVault(password);
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      setPassword('');
    }
  }

  return (
    <GateCard title="MFA Administration" onSubmit={() => void unlock()}>
      {missing ? (
        <p className="gate-text">Create your vault in the Twofold window first: it keeps the keys of the servers you administer.</p>
      ) : (
        <>
          <p className="gate-text">Unlock Twofold: the keys of your MFA servers are kept in your vault.</p>
          <SecretField label="Password" value={password} error={error} autoFocus onChange={(e) => (setPassword(e.target.value), setError(null))} />
          <button type="submit" className="btn btn-primary btn-block gate-submit" disabled={busy}>
            {busy ? 'Unlocking…' : 'Unlock'}
          </button>
        </>
      )}
    </GateCard>
  );
}
