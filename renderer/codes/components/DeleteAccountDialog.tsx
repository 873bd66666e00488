import { useState } from 'react';
import type { AccountView } from '../../../shared/otp/account';
import { Dialog } from '../../ui/Dialog';
import { useCodesActions } from '../context';
import { accountLabel } from '../store/account-display';

/** Confirms a delete, naming the account; focus starts on Cancel so Enter does not delete. */
export function DeleteAccountDialog({ account, onClose }: { account: AccountView; onClose: () => void }) {
  const actions = useCodesActions();
  const [error, setError] = useState<string | null>(null);
  const label = accountLabel(account);

  async function confirm() {
    const result = await actions.remove(account.id);
    if (result.ok) onClose();
    else setError(result.error.message);
  }

  return (
    <Dialog
      role="alertdialog"
      title={`Delete ${label}?`}
      onClose={onClose}
      initialFocus="[data-autofocus]"
      footer={
        <>
          <button type="button" className="btn" data-autofocus onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" onClick={confirm}>
            Delete account
          </button>
        </>
      }
    >
      <p className="dialog-text">
        This removes <strong>{label}</strong> and its key from Twofold. To get codes for it again you will need the setup key or QR
        code from the service.
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
