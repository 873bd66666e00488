import { useState } from 'react';
import { Dialog, FormDialogActions } from '../../ui/Dialog';
import { TextAreaField } from '../../ui/Field';
import { useCodesActions } from '../context';
import type { AddDialogProps } from '../extensions';

/**
 * "Paste an otpauth:// link": the main process parses it (Key URI Format) and answers with the
 * parser's own message when it cannot; nothing is saved then.
 */
export function AddUriDialog({ onClose }: AddDialogProps) {
  const actions = useCodesActions();
  const [uri, setUri] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (!uri.trim()) {
      setError('Paste the otpauth:// link first.');
      return;
    }
    setBusy(true);
    const result = await actions.addUri(uri);
    setBusy(false);
    if (result.ok) {
      actions.showToast(`Added ${result.value.issuer || result.value.name}`, 'success');
      onClose();
    } else {
      setError(result.error.message);
    }
  }

  return (
    <Dialog
      title="Add from link"
      description="Paste a link that starts with otpauth:// (some services offer one instead of a QR code)."
      onClose={onClose}
      onSubmit={submit}
      footer={<FormDialogActions onCancel={onClose} submitLabel="Add account" busy={busy} />}
    >
      <TextAreaField
        label="otpauth:// link"
        placeholder="otpauth://totp/GitHub:alice?secret=…&issuer=GitHub"
        value={uri}
        error={error}
        spellCheck={false}
        rows={4}
        onChange={(e) => {
          setUri(e.target.value);
          setError(null);
        }}
      />
    </Dialog>
  );
}
