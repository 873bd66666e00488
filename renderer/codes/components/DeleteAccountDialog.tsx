import { useState } from 'react';
import type { AccountView } from '../../../shared/otp/account';
import { Dialog } from '../../ui/Dialog';
import { useCodesActions } from '../context';
import { accountLabel } from '../store/account-display';

/**
 * Confirms moving an account to the trash, naming it; focus starts on Cancel so Enter does not
 * delete. The account can be restored from the trash (or with Undo) for 30 days.
 */
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
        <strong>{label}</strong> moves to the trash and stops showing codes. You can restore it from the trash for 30 days; after
        that it and its key are deleted for good.
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
