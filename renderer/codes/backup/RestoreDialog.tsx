import { useEffect, useState } from 'react';
import type { BackupVersionView } from '../../../shared/ipc/backup-channels';
import { Dialog } from '../../ui/Dialog';
import { useCodesActions, useDesktopApi } from '../context';
import { useImport } from '../import/import-store';
import './backup.css';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/**
 * "Restore from backup…": the versions in the backup folder, newest first, with date and account
 * count. Restoring one opens the normal import preview (pick accounts, duplicates left out);
 * nothing is added before the user confirms there.
 */
export function RestoreDialog({ onClose }: { onClose: () => void }) {
  const api = useDesktopApi();
  const actions = useCodesActions();
  const importActions = useImport((s) => s.actions);
  const [versions, setVersions] = useState<BackupVersionView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void api.backup.versions().then((result) => {
      if (!live) return;
      if (result.ok) setVersions(result.value);
      else setError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [api]);

  async function restore(name: string) {
    setError(null);
    const result = await api.backup.restore(name);
    if (!result.ok) return setError(result.error.message);
    importActions.show(result.value, name);
    actions.openDialog({ kind: 'add', entryId: 'import-file' });
  }

  function fromFile() {
    actions.openDialog({ kind: 'add', entryId: 'import-file' });
  }

  return (
    <Dialog
      title="Restore from backup"
      description="Pick a version: you will see its accounts and choose which to add. Accounts you already have are not added twice."
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" className="btn restore-file" onClick={fromFile}>
            Restore from a file…
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
        </>
      }
    >
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {versions === null && !error && <p className="trash-empty-text">Reading the backup folder…</p>}
      {versions && versions.length === 0 && <p className="trash-empty-text">There is no backup in the folder yet.</p>}
      {versions && versions.length > 0 && (
        <ul className="trash-list" aria-label="Backup versions">
          {versions.map((v) => (
            <li key={v.name} className="trash-item">
              <span className="trash-text">
                <span className="trash-title">{timeFormat.format(new Date(v.createdAt))}</span>
                <span className={v.problem ? 'trash-detail restore-problem' : 'trash-detail'}>
                  {v.accounts === null ? v.problem : `${v.accounts} account${v.accounts === 1 ? '' : 's'}`}
                </span>
              </span>
              <button type="button" className="btn" aria-label={`Restore the backup of ${timeFormat.format(new Date(v.createdAt))}`} onClick={() => void restore(v.name)}>
                Restore…
              </button>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
