import { useId, useRef, useState } from 'react';
import type { AccountView } from '../../../shared/otp/account';
import { MAX_ICON_FILE_BYTES } from '../../../shared/otp/account';
import { useCodesActions, useDesktopApi } from '../context';
import { accountTitle } from '../store/account-display';
import { AccountAvatar } from './AccountAvatar';

/**
 * The account's picture in the Edit dialog: choose an image file (sent to main, which decodes,
 * checks and shrinks it to 64×64, or refuses it with a message), or go back to the issuer's icon.
 * Applied at once, independent of the dialog's Save.
 */
export function AccountIconField({ account }: { account: AccountView }) {
  const api = useDesktopApi();
  const actions = useCodesActions();
  const input = useRef<HTMLInputElement>(null);
  const labelId = useId();
  const errorId = useId();
  const [error, setError] = useState<string | null>(null);
  const [icon, setIcon] = useState(account.icon);

  async function apply(bytes: Uint8Array<ArrayBuffer> | null) {
    const result = await api.accounts.setIcon(account.id, bytes);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setIcon(result.value.icon);
    await actions.loadAccounts();
  }

  async function onFile(file: File | undefined) {
    if (!file) return;
    if (file.size > MAX_ICON_FILE_BYTES) {
      setError(`The image is ${(file.size / 1048576).toFixed(1)} MB; choose one of at most 5 MB (a logo or a small picture is plenty).`);
      return;
    }
    await apply(new Uint8Array(await file.arrayBuffer()));
    if (input.current) input.current.value = '';
  }

  return (
    <div className="field">
      <span id={labelId} className="field-label">
        Picture
      </span>
      <div className="icon-picker">
        <AccountAvatar title={accountTitle(account)} issuer={account.issuer} name={account.name} custom={icon} />
        <input
          ref={input}
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif"
          hidden
          aria-hidden="true"
          tabIndex={-1}
          data-testid="icon-file"
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
        <button type="button" className="btn" aria-describedby={error ? errorId : undefined} onClick={() => input.current?.click()}>
          Choose image…
        </button>
        {icon && (
          <button type="button" className="btn btn-ghost" onClick={() => void apply(null)}>
            Remove picture
          </button>
        )}
      </div>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
