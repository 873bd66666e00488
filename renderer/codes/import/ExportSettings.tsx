import { useState } from 'react';
import { MIN_EXPORT_PASSWORD_LENGTH } from '../../../shared/export/export-errors';
import { SecretField, SelectField } from '../../ui/Field';
import { useCodes, useCodesActions, useDesktopApi } from '../context';
import './import.css';

type Panel = 'none' | 'aegis' | 'uris' | 'qr';

/**
 * Settings → Export: an encrypted Aegis backup, a plain otpauth list (after a warning), or the QR
 * code of one account (after the vault password). Files are written by the main process, to the
 * place chosen in the save dialog and nowhere else.
 */
export function ExportSettings() {
  const [panel, setPanel] = useState<Panel>('none');
  const accounts = useCodes((s) => s.accounts);
  const toggle = (next: Panel) => setPanel((current) => (current === next ? 'none' : next));
  const disabled = accounts.length === 0;

  return (
    <div className="settings-section-body export-settings">
      {disabled && <p className="field-hint">Add an account first: there is nothing to export yet.</p>}
      <ExportRow title="Encrypted backup" detail="Aegis format, protected by a password you choose. Aegis, and Twofold, can import it." action="Export backup…" open={panel === 'aegis'} disabled={disabled} onToggle={() => toggle('aegis')}>
        <AegisExportForm onDone={() => setPanel('none')} />
      </ExportRow>
      <div className="settings-divider" />
      <ExportRow title="Plain list of links" detail="One otpauth:// link per line, readable by most authenticators. Not encrypted." action="Export links…" open={panel === 'uris'} disabled={disabled} onToggle={() => toggle('uris')}>
        <UriExportWarning onDone={() => setPanel('none')} />
      </ExportRow>
      <div className="settings-divider" />
      <ExportRow title="QR code of one account" detail="To move one account to a phone. Asks for your Twofold password first." action="Show QR code…" open={panel === 'qr'} disabled={disabled} onToggle={() => toggle('qr')}>
        <AccountQrPanel />
      </ExportRow>
    </div>
  );
}

function ExportRow({ title, detail, action, open, disabled, onToggle, children }: { title: string; detail: string; action: string; open: boolean; disabled: boolean; onToggle: () => void; children: React.ReactNode }) {
  return (
    <section className="export-row" aria-label={title}>
      <div className="export-row-head">
        <div>
          <h3 className="export-title">{title}</h3>
          <p className="field-hint">{detail}</p>
        </div>
        <button type="button" className="btn" aria-expanded={open} disabled={disabled} onClick={onToggle}>
          {open ? 'Cancel' : action}
        </button>
      </div>
      {open && <div className="export-panel">{children}</div>}
    </section>
  );
}

function AegisExportForm({ onDone }: { onDone: () => void }) {
  const api = useDesktopApi();
  const codes = useCodesActions();
  const [vaultPassword, setVaultPassword] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [vaultError, setVaultError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function exportBackup() {
    if ([...password].length < MIN_EXPORT_PASSWORD_LENGTH) return setError(`Use at least ${MIN_EXPORT_PASSWORD_LENGTH} characters: this password is all that protects the backup.`);
    if (password !== repeat) return setError('The two passwords do not match.');
    setBusy(true);
    const result = await api.export.aegis(vaultPassword, password);
    setBusy(false);
    setVaultPassword('');
    if (!result.ok) return result.error.field === 'vaultPassword' ? setVaultError(result.error.message) : setError(result.error.message);
    if (result.value.status === 'saved') {
      codes.showToast(`Exported ${result.value.accounts} accounts to ${result.value.path}`, 'success');
      onDone();
    }
  }

  return (
    <form
      className="export-form"
      onSubmit={(e) => {
        e.preventDefault();
        void exportBackup();
      }}
    >
      <SecretField label="Your Twofold password" error={vaultError} value={vaultPassword} autoComplete="current-password" onChange={(e) => (setVaultPassword(e.target.value), setVaultError(null))} />
      <SecretField label="Backup password" hint="Needed to import the backup. It is not your Twofold password, and cannot be recovered." value={password} autoComplete="new-password" onChange={(e) => (setPassword(e.target.value), setError(null))} />
      <SecretField label="Repeat the backup password" error={error} value={repeat} autoComplete="new-password" onChange={(e) => (setRepeat(e.target.value), setError(null))} />
      <button type="submit" className="btn btn-primary" disabled={busy || !vaultPassword || !password || !repeat}>
        Choose where to save…
      </button>
    </form>
  );
}

function UriExportWarning({ onDone }: { onDone: () => void }) {
  const api = useDesktopApi();
  const codes = useCodesActions();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function exportLinks() {
    setBusy(true);
    const result = await api.export.uris(password);
    setBusy(false);
    setPassword('');
    if (!result.ok) return setError(result.error.message);
    if (result.value.status === 'saved') {
      codes.showToast(`Exported ${result.value.accounts} links to ${result.value.path}`, 'success');
      onDone();
    }
  }

  return (
    <div className="export-warning">
      <p role="alert">
        <strong>This file will not be encrypted.</strong> Anyone who can read it can generate all your codes. Import it where you need it, then delete it, and
        never put it in a synced folder or send it by e-mail.
      </p>
      <form
        className="export-form"
        onSubmit={(e) => {
          e.preventDefault();
          void exportLinks();
        }}
      >
        <SecretField
          label="Your Twofold password"
          hint="Twofold then asks you to confirm in a system dialog, and where to save."
          error={error}
          value={password}
          autoComplete="current-password"
          onChange={(e) => (setPassword(e.target.value), setError(null))}
        />
        <button type="submit" className="btn btn-danger" disabled={busy || !password}>
          Continue…
        </button>
      </form>
    </div>
  );
}

function AccountQrPanel() {
  const api = useDesktopApi();
  const accounts = useCodes((s) => s.accounts);
  const [id, setId] = useState(accounts[0]?.id ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [image, setImage] = useState<string | null>(null);

  async function show() {
    const result = await api.export.accountQr(id, password);
    setPassword('');
    if (!result.ok) return setError(result.error.message);
    // The image encodes the account's secret: it lives only in this component's state and is
    // dropped when the panel closes or another account is chosen.
    setImage(result.value.dataUrl);
  }

  const chosen = accounts.find((a) => a.id === id);
  return (
    <div className="export-form">
      <SelectField
        label="Account"
        value={id}
        onChange={(e) => (setId(e.target.value), setImage(null))}
        options={accounts.map((a) => ({ value: a.id, label: [a.issuer, a.name].filter(Boolean).join(' · ') || '(no name)' }))}
      />
      {image ? (
        <figure className="export-qr">
          <img src={image} alt={`QR code of ${chosen ? [chosen.issuer, chosen.name].filter(Boolean).join(' · ') : 'the account'}`} width={220} height={220} />
          <figcaption>Scan it with your other authenticator. Anyone who sees this code can copy the account.</figcaption>
          <button type="button" className="btn" onClick={() => setImage(null)}>
            Hide QR code
          </button>
        </figure>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void show();
          }}
        >
          <SecretField label="Your Twofold password" error={error} value={password} autoComplete="current-password" onChange={(e) => (setPassword(e.target.value), setError(null))} />
          <button type="submit" className="btn btn-primary" disabled={!password || !id}>
            Show QR code
          </button>
        </form>
      )}
    </div>
  );
}
