import { useEffect, useRef, useState } from 'react';
import type { AccountView } from '../../../shared/otp/account';
import type { RecoveryCode } from '../../../shared/otp/recovery-codes';
import { Dialog } from '../../ui/Dialog';
import { SecretField } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { useCodesActions, useDesktopApi } from '../context';
import { accountTitle } from '../store/account-display';
import { AddRecoveryCodes } from './AddRecoveryCodes';

/**
 * An account's recovery codes (issue #13.6). The window knows only how many there are
 * (`recoveryCodeCount`) until the user re-enters the vault password: main checks it (rate-limited
 * PasswordGate) and answers the codes, which live in this component's state only and are
 * dropped (and main told to forget the reveal) when the dialog closes. Copy goes through main,
 * which clears the clipboard like it does for codes. A used code is struck through and says
 * "used" in text too, for screen readers.
 */
export function RecoveryCodesDialog({ account, onClose }: { account: AccountView; onClose: () => void }) {
  const api = useDesktopApi();
  const actions = useCodesActions();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [codes, setCodes] = useState<RecoveryCode[] | null>(null);
  const [status, setStatus] = useState('');
  const revealed = useRef(false);
  const count = account.recoveryCodeCount ?? { total: 0, unused: 0 };

  useEffect(
    () => () => {
      if (revealed.current) void api.recovery.hide(account.id);
    },
    [api, account.id],
  );

  async function reveal() {
    if (!password) return setError('Enter your vault password to show the recovery codes.');
    setBusy(true);
    const result = await api.recovery.reveal(account.id, password);
    setBusy(false);
    setPassword('');
    if (!result.ok) return setError(result.error.message);
    revealed.current = true;
    setError(null);
    setCodes(result.value);
  }

  async function copy(index: number) {
    const result = await api.recovery.copy(account.id, index);
    if (!result.ok) return actions.showToast(result.error.message, 'error');
    const seconds = result.value.clearsInSeconds;
    actions.showToast(seconds > 0 ? `Recovery code ${index + 1} copied — clears in ${seconds} s` : `Recovery code ${index + 1} copied`, 'success');
  }

  async function mark(index: number, used: boolean) {
    const result = await api.recovery.mark(account.id, index, used);
    if (!result.ok) return actions.showToast(result.error.message, 'error');
    setCodes(result.value);
    setStatus(`Recovery code ${index + 1} marked ${used ? 'used' : 'unused'}.`);
  }

  const summary =
    count.total === 0 ? 'No recovery codes are kept for this account yet.' : `${count.total} recovery code${count.total === 1 ? '' : 's'} kept, ${count.unused} unused.`;

  return (
    <Dialog
      title="Recovery codes"
      description={accountTitle(account)}
      onClose={onClose}
      wide
      dirty={false}
      footer={
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      }
    >
      <p className="recovery-summary" data-testid="recovery-summary">
        {codes ? `${codes.length} recovery code${codes.length === 1 ? '' : 's'}, ${codes.filter((c) => !c.used).length} unused.` : summary}
      </p>
      {count.total > 0 && !codes && (
        <form
          className="recovery-reveal"
          aria-label="Show recovery codes"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void reveal();
          }}
        >
          <SecretField
            label="Vault password"
            hint="Recovery codes are kept encrypted like the account's key: enter your vault password to show them."
            autoComplete="current-password"
            value={password}
            error={error}
            onChange={(e) => (setPassword(e.target.value), setError(null))}
          />
          <button type="submit" className="btn btn-primary" disabled={busy}>
            <Icon name="eye" size={16} />
            {busy ? 'Checking…' : 'Show codes'}
          </button>
        </form>
      )}
      {codes && codes.length > 0 && (
        <ol className="recovery-list" aria-label="Recovery codes">
          {codes.map((code, index) => (
            <li key={`${index}-${code.code}`} className={code.used ? 'recovery-item is-used' : 'recovery-item'}>
              <span className="recovery-index" aria-hidden="true">
                {index + 1}.
              </span>
              <span className="recovery-code" data-testid="recovery-code">
                {code.used ? <s>{code.code}</s> : code.code}
                {code.used && <span className="visually-hidden"> (used)</span>}
              </span>
              <label className="recovery-used">
                <input type="checkbox" checked={code.used} onChange={(e) => void mark(index, e.target.checked)} aria-label={`Code ${index + 1} used`} />
                <span aria-hidden="true">Used</span>
              </label>
              <button type="button" className="btn btn-ghost" onClick={() => void copy(index)} aria-label={`Copy code ${index + 1}`}>
                <Icon name="copy" size={16} />
                Copy
              </button>
            </li>
          ))}
        </ol>
      )}
      <p className="visually-hidden" role="status">
        {status}
      </p>
      <AddRecoveryCodes account={account} revealed={codes !== null} onAdded={(next) => (next ? setCodes(next) : undefined)} />
    </Dialog>
  );
}
