import { useState } from 'react';
import type { AccountView } from '../../../shared/otp/account';
import type { AddedRecoveryCodesView } from '../../../shared/ipc/recovery-codes-channels';
import type { RecoveryCode } from '../../../shared/otp/recovery-codes';
import type { Result } from '../../../shared/result';
import { TextAreaField } from '../../ui/Field';
import { useCodesActions, useDesktopApi } from '../context';

type Mode = 'append' | 'replace';

/**
 * Adding recovery codes: pasted (one per line, any common format; main parses them) or from a .txt
 * file chosen in main's open dialog (size-capped there). Whether the new codes join the kept ones
 * or replace them is a choice the user makes here, before adding; replacing a kept set needs the
 * codes shown first (main refuses otherwise), so nobody replaces codes they have not seen.
 */
export function AddRecoveryCodes({ account, revealed, onAdded }: { account: AccountView; revealed: boolean; onAdded: (codes: RecoveryCode[] | null) => void }) {
  const api = useDesktopApi();
  const actions = useCodesActions();
  const hasCodes = (account.recoveryCodeCount?.total ?? 0) > 0;
  const [text, setText] = useState('');
  const [mode, setMode] = useState<Mode>('append');
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canReplace = !hasCodes || revealed;
  const chosen: Mode = hasCodes ? (canReplace ? mode : 'append') : 'replace';

  async function finish(call: Promise<Result<AddedRecoveryCodesView | null>>, clearText: boolean) {
    setBusy(true);
    setResult(null);
    const answer = await call;
    setBusy(false);
    if (!answer.ok) return setError(answer.error.message);
    setError(null);
    if (answer.value === null) return; // the file dialog was cancelled
    const { read, skipped, count, codes } = answer.value;
    if (clearText) setText('');
    const left = skipped.length ? ` ${skipped.length} line${skipped.length === 1 ? ' was' : 's were'} not a code and left out: ${skipped.slice(0, 3).map((l) => `“${l}”`).join(', ')}${skipped.length > 3 ? '…' : ''}.` : '';
    setResult(`${read} code${read === 1 ? '' : 's'} read; the account now keeps ${count.total} (${count.unused} unused).${left}`);
    onAdded(codes);
    await actions.loadAccounts();
  }

  return (
    <form
      className="recovery-add"
      aria-label="Add recovery codes"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!text.trim()) return setError('Paste the recovery codes, one per line.');
        void finish(api.recovery.add(account.id, text, chosen), true);
      }}
    >
      <h3 className="recovery-add-title">Add recovery codes</h3>
      <TextAreaField
        label="Recovery codes, one per line"
        hint="Paste them as the service shows them: numbering, bullets, spaces, dashes and blank lines are fine."
        className="textarea textarea-plain recovery-textarea"
        rows={4}
        spellCheck={false}
        autoComplete="off"
        value={text}
        error={error}
        onChange={(e) => (setText(e.target.value), setError(null))}
      />
      {hasCodes && (
        <fieldset className="recovery-mode">
          <legend>The account already keeps {account.recoveryCodeCount?.total} codes</legend>
          <label className="check">
            <input type="radio" name="recovery-mode" checked={chosen === 'append'} onChange={() => setMode('append')} />
            <span className="check-text">
              <span className="check-title">Add to them</span>
              <span className="check-desc">Keeps the current codes; codes already kept are not added twice.</span>
            </span>
          </label>
          <label className="check">
            <input type="radio" name="recovery-mode" checked={chosen === 'replace'} disabled={!canReplace} onChange={() => setMode('replace')} />
            <span className="check-text">
              <span className="check-title">Replace them</span>
              <span className="check-desc">
                {canReplace ? 'For a new set from the service: the current codes are deleted.' : 'Show the current codes first (above) to replace them.'}
              </span>
            </span>
          </label>
        </fieldset>
      )}
      <div className="recovery-add-actions">
        <button type="submit" className="btn" disabled={busy}>
          {chosen === 'replace' && hasCodes ? 'Replace codes' : 'Add codes'}
        </button>
        <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => void finish(api.recovery.addFile(account.id, chosen), false)}>
          From a .txt file…
        </button>
      </div>
      <p className="field-hint" role="status" data-testid="recovery-add-result">
        {result}
      </p>
    </form>
  );
}
