import { useEffect, useRef } from 'react';
import { Icon } from '../../ui/Icon';
import { useAdmin, useAdminActions } from '../context';

/** After a server is removed: what happened to its key, and Undo for 10 seconds (main enforces the same limit). */
export function RemovedNotice() {
  const actions = useAdminActions();
  const removed = useAdmin((s) => s.removed);
  const undo = useRef<HTMLButtonElement>(null);

  // The removed server's button is gone: focus moves to Undo rather than falling to the page.
  // Deferred until the confirmation dialog has closed: the page is inert while it is open.
  useEffect(() => {
    if (!removed) return;
    let timer = 0;
    const focusWhenFree = () => {
      if (document.getElementById('root')?.hasAttribute('inert')) timer = window.setTimeout(focusWhenFree, 20);
      else undo.current?.focus();
    };
    timer = window.setTimeout(focusWhenFree, 0);
    return () => window.clearTimeout(timer);
  }, [removed]);

  useEffect(() => {
    if (!removed) return;
    const ms = Math.max(0, Math.min(10_000, Date.parse(removed.result.undoUntil) - Date.now()));
    const timer = window.setTimeout(() => actions.dismissRemoved(), Number.isFinite(ms) && ms > 0 ? ms : 10_000);
    return () => window.clearTimeout(timer);
  }, [removed, actions]);

  if (!removed) return null;
  const { server, result } = removed;
  const key =
    result.revoked === true
      ? 'Its API key was revoked on the server and deleted from your vault.'
      : result.revoked === false
        ? 'The server did not answer, so its API key could not be revoked there; it was deleted from your vault. Revoke it on the server if it still works.'
        : 'You were not signed in to it.';
  return (
    <div className="admin-notice removed-notice" role="status" data-testid="removed-notice">
      <Icon name="check" size={16} />
      <span>
        Removed {server.name}. {key}
      </span>
      <button
        ref={undo}
        type="button"
        className="btn btn-link"
        onClick={async () => {
          await actions.undoRemove();
          document.querySelector<HTMLElement>('.server-open')?.focus();
        }}
      >
        Undo
      </button>
    </div>
  );
}
