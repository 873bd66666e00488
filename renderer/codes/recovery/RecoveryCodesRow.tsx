import { useId } from 'react';
import type { AccountView } from '../../../shared/otp/account';

/** In the account's details (Edit): how many recovery codes it keeps, and the way to them. */
export function RecoveryCodesRow({ account, onOpen }: { account: AccountView; onOpen: () => void }) {
  const labelId = useId();
  const countId = useId();
  const count = account.recoveryCodeCount;
  return (
    <div className="field">
      <span id={labelId} className="field-label">
        Recovery codes
      </span>
      <div className="recovery-row">
        <span id={countId} className="field-hint" data-testid="recovery-count">
          {count ? `${count.total} kept, ${count.unused} unused` : 'None kept yet'}
        </span>
        <button type="button" className="btn" aria-describedby={`${labelId} ${countId}`} onClick={onOpen}>
          {count ? 'Show or add…' : 'Add…'}
        </button>
      </div>
    </div>
  );
}
