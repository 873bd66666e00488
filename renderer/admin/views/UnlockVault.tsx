import { useState } from 'react';
import { BrandMark } from '../../codes/screens/BrandMark';
import { SecretField } from '../../ui/Field';
import { useAdminActions } from '../context';

/** The vault keeps the servers' API keys, so the admin window needs it unlocked. */
export function UnlockVault({ missing }: { missing: boolean }) {
  const actions = useAdminActions();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <main className="gate">
      <form
        className="gate-card"
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          if (!password) return setError('Enter your password.');
          setBusy(true);
          const result = await actions.unlockVault(password);
          setBusy(false);
          if (!result.ok) {
            setError(result.error.message);
            setPassword('');
          }
        }}
      >
        <div className="gate-brand">
          <BrandMark size={40} />
        </div>
        <h1 className="gate-title">MFA Administration</h1>
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
      </form>
    </main>
  );
}
