import { useState } from 'react';
import { MIN_EXPORT_PASSWORD_LENGTH } from '../../../shared/export/export-errors';
import { SecretField, TextField } from '../../ui/Field';
import { useCodes, useCodesActions, useDesktopApi } from '../context';
import { useBackup } from './backup-store';
import './backup.css';

type Panel = 'none' | 'folder' | 'password';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Settings → Backups. Says where backups go and which password opens them. Choosing the folder or
 * the password asks for the vault password, which main checks before anything changes.
 */
export function BackupSettings() {
  const api = useDesktopApi();
  const codes = useCodesActions();
  const status = useBackup((s) => s.status);
  const settings = useCodes((s) => s.settings);
  const [panel, setPanel] = useState<Panel>('none');
  const [keep, setKeep] = useState<string | null>(null);
  const [keepError, setKeepError] = useState<string | null>(null);
  if (!status) return null;
  const toggle = (next: Panel) => setPanel((p) => (p === next ? 'none' : next));

  return (
    <div className="settings-section-body backup-settings">
      {status.configured ? (
        <dl className="backup-facts">
          <dt>Folder</dt>
          <dd className="backup-folder">{status.folder}</dd>
          <dt>Opened with</dt>
          <dd>{status.protectedBy === 'separate' ? 'A separate backup password (not your vault password)' : 'Your vault password'}</dd>
          <dt>Last backup</dt>
          <dd>{status.lastError ? <span className="field-error">Failed: {status.lastError}</span> : status.lastBackupAt ? timeFormat.format(new Date(status.lastBackupAt)) : 'Not yet'}</dd>
        </dl>
      ) : (
        <p className="field-hint">
          Off. Twofold can save an encrypted copy of your accounts to a folder after every change and once a day, in the Aegis format that Aegis, Twofold and
          other authenticators can restore.
        </p>
      )}
      <div className="backup-buttons">
        <button type="button" className={status.configured ? 'btn' : 'btn btn-primary'} aria-expanded={panel === 'folder'} onClick={() => toggle('folder')}>
          {status.configured ? 'Change folder…' : 'Set up backups…'}
        </button>
        {status.configured && (
          <>
            <button type="button" className="btn" aria-expanded={panel === 'password'} onClick={() => toggle('password')}>
              Change backup password…
            </button>
            <button type="button" className="btn" onClick={() => void api.backup.now().then((r) => r.ok && !r.value.lastError && codes.showToast('Backup saved', 'success'))}>
              Back up now
            </button>
            <button type="button" className="btn" onClick={() => codes.openDialog({ kind: 'restore' })}>
              Restore from backup…
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => void api.backup.turnOff()}>
              Turn off
            </button>
          </>
        )}
      </div>
      {panel === 'folder' && <FolderForm onDone={() => setPanel('none')} />}
      {panel === 'password' && <PasswordForm current={status.protectedBy ?? 'vault'} onDone={() => setPanel('none')} />}
      {status.configured && settings && (
        <TextField
          label="Versions to keep"
          hint="The newest ones are kept; older ones are deleted from the folder."
          type="number"
          min={1}
          max={100}
          inputMode="numeric"
          error={keepError}
          value={keep ?? String(settings.backupKeep)}
          onChange={(e) => (setKeep(e.target.value), setKeepError(null))}
          onBlur={async () => {
            if (keep === null) return;
            const result = await codes.saveSettings({ backupKeep: Number(keep) });
            if (!result.ok) setKeepError('Keep between 1 and 100 versions.');
            else setKeep(null);
          }}
        />
      )}
      {settings && (
        <TextField
          label="Password reminder (days)"
          hint="When the system keychain usually unlocks Twofold, ask every so often whether you still know the vault password. 0 turns it off."
          type="number"
          min={0}
          max={365}
          inputMode="numeric"
          defaultValue={String(settings.passwordReminderDays)}
          onBlur={(e) => void codes.saveSettings({ passwordReminderDays: Math.max(0, Math.min(365, Math.floor(Number(e.target.value) || 0))) })}
        />
      )}
    </div>
  );
}

function FolderForm({ onDone }: { onDone: () => void }) {
  const api = useDesktopApi();
  const codes = useCodesActions();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function choose() {
    setBusy(true);
    // Key material: the vault password goes to main once (it checks it) and is not kept.
    const result = await api.backup.chooseFolder(password);
    setPassword('');
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    if (result.value.status === 'saved') {
      const saved = result.value.backup;
      codes.showToast(saved.lastError ? 'Backup folder set, but the first backup failed' : 'Backups are on', saved.lastError ? 'error' : 'success');
      onDone();
    }
  }

  return (
    <form
      className="backup-form"
      onSubmit={(e) => {
        e.preventDefault();
        void choose();
      }}
    >
      <SecretField
        label="Vault password"
        hint="To make sure it is you who sends copies of your accounts somewhere new."
        error={error}
        value={password}
        autoComplete="current-password"
        onChange={(e) => (setPassword(e.target.value), setError(null))}
      />
      <button type="submit" className="btn btn-primary" disabled={busy || !password}>
        Choose folder…
      </button>
    </form>
  );
}

function PasswordForm({ current, onDone }: { current: 'vault' | 'separate'; onDone: () => void }) {
  const api = useDesktopApi();
  const codes = useCodesActions();
  const [kind, setKind] = useState<'vault' | 'separate'>(current);
  const [vaultPassword, setVaultPassword] = useState('');
  const [backupPassword, setBackupPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function save() {
    if (kind === 'separate') {
      if ([...backupPassword].length < MIN_EXPORT_PASSWORD_LENGTH) return setError(`Use at least ${MIN_EXPORT_PASSWORD_LENGTH} characters for the backup password.`);
      if (backupPassword !== repeat) return setError('The two backup passwords do not match.');
    }
    const result = await api.backup.setPassword(vaultPassword, kind === 'separate' ? { protectedBy: 'separate', password: backupPassword } : { protectedBy: 'vault' });
    setVaultPassword('');
    if (!result.ok) return setError(result.error.message);
    setBackupPassword('');
    setRepeat('');
    codes.showToast(kind === 'separate' ? 'New backups are protected by the backup password' : 'New backups are protected by your vault password', 'success');
    onDone();
  }

  return (
    <form
      className="backup-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <fieldset className="backup-choice">
        <legend>Which password opens the backups?</legend>
        <label className="check">
          <input type="radio" name="backup-password" checked={kind === 'vault'} onChange={() => setKind('vault')} />
          <span className="check-text">
            <span className="check-title">My vault password</span>
            <span className="check-desc">One password to remember. Backups follow when you change it.</span>
          </span>
        </label>
        <label className="check">
          <input type="radio" name="backup-password" checked={kind === 'separate'} onChange={() => setKind('separate')} />
          <span className="check-text">
            <span className="check-title">A separate backup password</span>
            <span className="check-desc">It cannot be recovered: write it down somewhere safe.</span>
          </span>
        </label>
      </fieldset>
      {kind === 'separate' && (
        <>
          <SecretField label="Backup password" value={backupPassword} autoComplete="new-password" onChange={(e) => (setBackupPassword(e.target.value), setError(null))} />
          <SecretField label="Repeat the backup password" value={repeat} autoComplete="new-password" onChange={(e) => (setRepeat(e.target.value), setError(null))} />
        </>
      )}
      <SecretField label="Vault password" hint="Main checks it before the backups change." error={error} value={vaultPassword} autoComplete="current-password" onChange={(e) => (setVaultPassword(e.target.value), setError(null))} />
      <button type="submit" className="btn btn-primary" disabled={!vaultPassword}>
        Save
      </button>
    </form>
  );
}
