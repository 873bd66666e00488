import { useState } from 'react';
import { SecretField } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { useCodes, useCodesActions, useDesktopApi } from '../context';
import { useBackup } from './backup-store';
import './backup.css';

/**
 * Above the list: a failed backup (it never blocks use: the banner says what to do), the reminder
 * when no backup folder is set, and the periodic "do you still know your vault password?" check
 * when the OS keychain usually opens the vault.
 */
export function BackupBanner() {
  const api = useDesktopApi();
  const actions = useCodesActions();
  const status = useBackup((s) => s.status);
  const dismissed = useBackup((s) => s.reminderDismissed);
  const dismiss = useBackup((s) => s.dismissReminder);
  const hasAccounts = useCodes((s) => s.accounts.length > 0);
  const [retrying, setRetrying] = useState(false);
  if (!status) return null;

  if (status.lastError) {
    return (
      <div className="banner banner-error" role="alert">
        <Icon name="alert" size={18} />
        <div className="banner-text">
          <strong>The last backup failed.</strong> {status.lastError}
        </div>
        <div className="banner-actions">
          <button
            type="button"
            className="btn"
            disabled={retrying}
            onClick={async () => {
              setRetrying(true);
              await api.backup.now();
              setRetrying(false);
            }}
          >
            Try again
          </button>
          <button type="button" className="btn btn-ghost" onClick={() => actions.openDialog({ kind: 'settings' })}>
            Backup settings
          </button>
        </div>
      </div>
    );
  }
  if (status.passwordReminderDue) return <PasswordReminder />;
  if (!status.configured && !dismissed && hasAccounts) {
    return (
      <div className="banner banner-info" role="status">
        <Icon name="shield" size={18} />
        <div className="banner-text">
          <strong>Automatic backups are off.</strong> If this computer fails, your accounts go with it. Choose a folder (a USB stick or a synced folder) for encrypted
          backups.
        </div>
        <div className="banner-actions">
          <button type="button" className="btn btn-primary" onClick={() => actions.openDialog({ kind: 'settings' })}>
            Set up backups…
          </button>
          <button type="button" className="btn btn-ghost" onClick={dismiss}>
            Not now
          </button>
        </div>
      </div>
    );
  }
  return null;
}

function PasswordReminder() {
  const api = useDesktopApi();
  const codes = useCodesActions();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function check() {
    // Key material: the password goes to main once and is not kept here.
    const typed = password;
    setPassword('');
    const result = await api.backup.checkPassword(typed);
    if (!result.ok) return setError(result.error.message);
    codes.showToast('That is your vault password. Next reminder in a while.', 'success');
  }

  return (
    <div className="banner banner-info" role="status">
      <Icon name="key" size={18} />
      <div className="banner-text">
        <strong>Do you still know your vault password?</strong> Twofold usually opens with the system keychain; without the password, a new computer or a restored
        backup cannot be opened.
        {open && (
          <form
            className="banner-form"
            onSubmit={(e) => {
              e.preventDefault();
              void check();
            }}
          >
            <SecretField label="Vault password" error={error} value={password} autoComplete="current-password" onChange={(e) => (setPassword(e.target.value), setError(null))} />
            <button type="submit" className="btn btn-primary" disabled={!password}>
              Check
            </button>
          </form>
        )}
      </div>
      {!open && (
        <div className="banner-actions">
          <button type="button" className="btn" onClick={() => setOpen(true)}>
            Check it now
          </button>
        </div>
      )}
    </div>
  );
}
