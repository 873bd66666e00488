import { useEffect, useState } from 'react';
import type { LinkChoice } from '../../../shared/ipc/admin-channels';
import { Dialog } from '../../ui/Dialog';
import { useAdminActions } from '../context';

/**
 * Links one vault account to the current server (issue #12.3). The user sees the origin the
 * codes will go to and the issuer the server names now; main records both, and fills nothing
 * in if either changes later. Nothing is preselected: the server's issuer name picks nothing.
 */
export function LinkAccountDialog({ onClose }: { onClose: (linked: boolean) => void }) {
  const actions = useAdminActions();
  const [choice, setChoice] = useState<LinkChoice | null>(null);
  const [accountId, setAccountId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void actions.linkChoice().then((result) => {
      if (!live) return;
      if (result.ok) setChoice(result.value);
      else setError(result.error.message);
    });
    return () => void (live = false);
  }, [actions]);

  return (
    <Dialog
      title="Link a vault account"
      onClose={() => onClose(false)}
      onSubmit={async () => {
        if (!accountId) return setError('Choose the account you created for this server.');
        setBusy(true);
        const result = await actions.linkAccount(accountId);
        setBusy(false);
        if (result.ok) onClose(true);
        else setError(result.error.message);
      }}
      footer={
        <>
          <button type="button" className="btn" onClick={() => onClose(false)}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || !choice}>
            Link
          </button>
        </>
      }
    >
      {choice && (
        <>
          <p>
            Codes of the account you choose will be filled in for <strong data-testid="link-origin">{choice.origin}</strong>
            {choice.issuer ? ` (it names itself "${choice.issuer}")` : ''} when {choice.username} signs in or confirms a change there. Choose only the account you
            created for this server: its codes are sent to it.
          </p>
          {choice.candidates.length === 0 ? (
            <p className="admin-muted">Your vault has no account with 6-digit, 30-second codes. Type the code instead.</p>
          ) : (
            <div className="field">
              <label className="field-label" htmlFor="link-account">
                Vault account
              </label>
              <select id="link-account" className="select" value={accountId} onChange={(e) => (setAccountId(e.target.value), setError(null))}>
                <option value="">Choose…</option>
                {choice.candidates.map((c) => (
                  <option key={c.accountId} value={c.accountId}>
                    {c.label}
                    {c.accountId === choice.linkedAccountId ? ' (linked before)' : ''}
                  </option>
                ))}
              </select>
            </div>
          )}
        </>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
