import { useEffect, useState } from 'react';
import type { TrashedAccountView } from '../../../shared/ipc/trash-channels';
import { Dialog } from '../../ui/Dialog';
import { useCodes, useCodesActions, useDesktopApi } from '../context';
import { accountLabel } from '../store/account-display';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/**
 * The trash: accounts deleted in the last 30 days, newest first, each with Restore and "Delete for
 * good" (which asks once more, naming the account). Trashed accounts show no code: their secrets
 * stay in the vault, in main, until the 30 days are over.
 */
export function TrashDialog({ onClose }: { onClose: () => void }) {
  const api = useDesktopApi();
  const actions = useCodesActions();
  const accounts = useCodes((s) => s.accounts);
  const [items, setItems] = useState<TrashedAccountView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | 'all' | null>(null);
  const [version, setVersion] = useState(0);
  const load = () => setVersion((v) => v + 1);

  // Reload after each action here and when the account list changes (an Undo, another window).
  useEffect(() => {
    let live = true;
    void api.trash.list().then((result) => {
      if (!live) return;
      if (result.ok) setItems([...result.value].reverse());
      else setError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [api, accounts, version]);

  async function restore(id: string) {
    setError(null);
    const result = await actions.restore(id);
    if (!result.ok) setError(result.error.message);
    load();
  }

  async function deleteForGood(id: string | 'all') {
    setError(null);
    setConfirming(null);
    const result = id === 'all' ? await api.trash.empty() : await api.trash.delete(id);
    if (!result.ok) setError(result.error.message);
    else actions.showToast(id === 'all' ? 'Emptied the trash' : 'Deleted for good', 'success');
    load();
  }

  const footer = (
    <>
      {items && items.length > 1 && (
        <button type="button" className="btn btn-danger trash-empty" onClick={() => (confirming === 'all' ? void deleteForGood('all') : setConfirming('all'))}>
          {confirming === 'all' ? `Delete all ${items.length} for good` : 'Empty trash…'}
        </button>
      )}
      <button type="button" className="btn btn-primary" onClick={onClose}>
        Done
      </button>
    </>
  );

  return (
    <Dialog title="Trash" description="Deleted accounts stay here for 30 days, without codes, then are deleted for good." onClose={onClose} footer={footer} wide>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {items === null ? (
        <p className="trash-empty-text">Loading…</p>
      ) : items.length === 0 ? (
        <p className="trash-empty-text">The trash is empty.</p>
      ) : (
        <ul className="trash-list" aria-label="Deleted accounts">
          {items.map((item) => {
            const label = accountLabel(item);
            return (
              <li key={item.id} className="trash-item">
                <span className="trash-text">
                  <span className="trash-title">
                    {item.issuer || item.name || '(no name)'}
                    {item.issuer && item.name && <span className="trash-name"> · {item.name}</span>}
                  </span>
                  <span className="trash-detail">
                    Deleted {dateFormat.format(new Date(item.deletedAt))} · gone for good on {dateFormat.format(new Date(item.purgeAt))}
                  </span>
                </span>
                <span className="trash-actions">
                  <button type="button" className="btn" aria-label={`Restore ${label}`} onClick={() => void restore(item.id)}>
                    Restore
                  </button>
                  <button
                    type="button"
                    className="btn btn-ghost trash-delete"
                    aria-label={confirming === item.id ? `Confirm: delete ${label} for good` : `Delete ${label} for good`}
                    onClick={() => (confirming === item.id ? void deleteForGood(item.id) : setConfirming(item.id))}
                  >
                    {confirming === item.id ? 'Really delete?' : 'Delete for good'}
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </Dialog>
  );
}
