import type { EnforcementMode, UsersSummary } from '../../../shared/admin-api';
import { Dialog } from '../../ui/Dialog';
import { modeChangeEffect } from '../store/policy-effect';

/** Says whom a mode change affects before it is sent (issue #15.4). */
export function ConfirmModeDialog({ from, to, summary, onCancel, onConfirm }: { from: EnforcementMode; to: EnforcementMode; summary: UsersSummary | null; onCancel: () => void; onConfirm: () => void }) {
  return (
    <Dialog
      title={`Switch to ${to}?`}
      role="alertdialog"
      onClose={onCancel}
      onSubmit={onConfirm}
      initialFocus=".dialog-footer .btn-primary"
      footer={
        <>
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary">
            Switch to {to}
          </button>
        </>
      }
    >
      <p data-testid="mode-effect">{modeChangeEffect(from, to, summary)}</p>
    </Dialog>
  );
}
