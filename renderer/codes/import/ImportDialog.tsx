import { useState } from 'react';
import { IMPORT_FORMAT_LABELS } from '../../../shared/import/import-types';
import { Dialog } from '../../ui/Dialog';
import { SecretField } from '../../ui/Field';
import { useCodesActions } from '../context';
import type { AddDialogProps } from '../extensions';
import { ImportPreviewList } from './ImportPreviewList';
import { useImport } from './import-store';
import './import.css';

/**
 * "Import from a file…": choose (or drop) another authenticator's export, enter its password if
 * it has one, review what will be added, duplicated or skipped, then import it all at once.
 * Nothing reaches the vault before "Import".
 */
export function ImportDialog({ onClose }: AddDialogProps) {
  const codes = useCodesActions();
  const phase = useImport((s) => s.phase);
  const actions = useImport((s) => s.actions);
  const [password, setPassword] = useState('');
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);

  function close() {
    actions.cancel();
    onClose();
  }

  async function submit() {
    if (phase.kind === 'needs-password') {
      if (!password) return;
      // Key material: the typed password leaves this component once and is not kept.
      const typed = password;
      setPassword('');
      await actions.submitPassword(typed);
      return;
    }
    if (phase.kind !== 'preview' || phase.selected.length === 0) return;
    setBusy(true);
    const result = await actions.confirm();
    setBusy(false);
    if (result.ok) {
      const { added, duplicates } = result.value;
      codes.showToast(`Imported ${added} account${added === 1 ? '' : 's'}${duplicates ? ` (${duplicates} already there)` : ''}`, 'success');
      onClose();
    }
  }

  const footer = (() => {
    const cancel = (
      <button type="button" className="btn" onClick={close}>
        {phase.kind === 'preview' && phase.preview.toAdd.length === 0 ? 'Close' : 'Cancel'}
      </button>
    );
    if (phase.kind === 'needs-password') {
      return (
        <>
          {cancel}
          <button type="submit" className="btn btn-primary" disabled={!password}>
            Open file
          </button>
        </>
      );
    }
    if (phase.kind === 'preview') {
      const n = phase.selected.length;
      return (
        <>
          {cancel}
          {phase.preview.toAdd.length > 0 && (
            <button type="submit" className="btn btn-primary" disabled={busy || n === 0}>
              Import {n} account{n === 1 ? '' : 's'}
            </button>
          )}
        </>
      );
    }
    return cancel;
  })();

  return (
    <Dialog
      title="Import accounts"
      description="From Aegis, 2FAS, Bitwarden (JSON or CSV), Ente Auth, Google Authenticator export links or a list of otpauth:// links. Nothing is added until you confirm."
      onClose={close}
      onSubmit={submit}
      footer={footer}
      wide
      dirty={phase.kind === 'needs-password' || (phase.kind === 'preview' && phase.preview.toAdd.length > 0)}
    >
      {(phase.kind === 'idle' || phase.kind === 'error') && (
        <div
          className={`import-drop${dragging ? ' is-over' : ''}`}
          onDragOver={(e) => {
            if (!e.dataTransfer.types.includes('Files')) return;
            e.preventDefault();
            e.stopPropagation();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            e.stopPropagation();
            setDragging(false);
            const file = e.dataTransfer.files[0];
            if (file) void actions.readDropped(file);
          }}
        >
          {phase.kind === 'error' && (
            <p className="field-error import-error" role="alert">
              {phase.message}
            </p>
          )}
          <p>Drop the export file here, or</p>
          <button type="button" className="btn btn-primary" onClick={() => void actions.openFile()}>
            Choose file…
          </button>
        </div>
      )}
      {phase.kind === 'busy' && (
        <p className="import-busy" role="status">
          {phase.message}
        </p>
      )}
      {phase.kind === 'needs-password' && (
        <SecretField
          label={`Password of ${phase.file}`}
          hint={`This ${IMPORT_FORMAT_LABELS[phase.format]} is encrypted: enter the password you set when you exported it (not your Twofold password).`}
          error={phase.error}
          value={password}
          autoComplete="off"
          onChange={(e) => setPassword(e.target.value)}
        />
      )}
      {phase.kind === 'preview' && (
        <>
          <p className="import-source">
            {phase.file} · {IMPORT_FORMAT_LABELS[phase.preview.format]}
          </p>
          <ImportPreviewList preview={phase.preview} selected={phase.selected} onToggle={actions.toggle} onSelectAll={actions.selectAll} />
        </>
      )}
    </Dialog>
  );
}
