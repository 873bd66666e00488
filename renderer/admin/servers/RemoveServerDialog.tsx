import { useState } from 'react';
import type { ServerView } from '../../../shared/ipc/admin-channels';
import { Dialog } from '../../ui/Dialog';
import { useAdminActions } from '../context';

/** Confirms removing a server, naming it and saying what happens to its key (issue #15.3). */
export function RemoveServerDialog({ server, onClose }: { server: ServerView; onClose: () => void }) {
  const actions = useAdminActions();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog
      title={`Remove ${server.name}?`}
      role="alertdialog"
      onClose={onClose}
      onSubmit={async () => {
        setBusy(true);
        const failure = await actions.removeServer(server.id);
        setBusy(false);
        if (failure) setError(failure);
        else onClose();
      }}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-danger" disabled={busy}>
            {busy ? 'Removing…' : 'Remove server'}
          </button>
        </>
      }
    >
      <p>
        Twofold signs out of <strong>{server.url}</strong>: its API key is revoked on the server if it answers, and deleted from your vault either way. The
        server leaves your list; vault accounts stay in your vault. You can undo this for 10 seconds.
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
