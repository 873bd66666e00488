import type { ImportPreviewView, PreviewAccountView } from '../../../shared/ipc/import-channels';

export interface ImportPreviewListProps {
  preview: ImportPreviewView;
  /** Positions in `preview.toAdd` that are ticked. */
  selected: readonly number[];
  onToggle: (index: number) => void;
  onSelectAll: (all: boolean) => void;
}

/**
 * What an import will do: accounts to add (each with a checkbox, as in the scan review, and
 * "Select all" / "Select none"), duplicates left out, entries skipped and why.
 */
export function ImportPreviewList({ preview, selected, onToggle, onSelectAll }: ImportPreviewListProps) {
  const total = preview.toAdd.length;
  const title = `Will be added (${total})`;
  return (
    <div className="import-preview">
      <section aria-label={title}>
        <div className="import-heading-row">
          <h3 className="import-heading">{title}</h3>
          {total > 1 && (
            <div className="import-select" role="group" aria-label="Select accounts">
              <span className="import-count" aria-live="polite">
                {selected.length} of {total} chosen
              </span>
              <button type="button" className="btn btn-ghost" onClick={() => onSelectAll(true)} disabled={selected.length === total}>
                Select all
              </button>
              <button type="button" className="btn btn-ghost" onClick={() => onSelectAll(false)} disabled={selected.length === 0}>
                Select none
              </button>
            </div>
          )}
        </div>
        {total === 0 ? (
          <p className="import-empty">Nothing new to add.</p>
        ) : (
          <ul className="import-list" aria-label="Accounts to add">
            {preview.toAdd.map((a, i) => (
              <li key={i} className="import-item import-choice">
                <label className="check">
                  <input type="checkbox" checked={selected.includes(i)} onChange={() => onToggle(i)} />
                  <span className="check-text">
                    <span className="check-title import-label">{labelOf(a)}</span>
                    <span className="check-desc import-detail">{describe(a)}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </section>
      {preview.duplicates.length > 0 && <PreviewSection title={`Already in Twofold, not added again (${preview.duplicates.length})`} accounts={preview.duplicates} muted />}
      {preview.skipped.length > 0 && (
        <section aria-label="Skipped">
          <h3 className="import-heading">Skipped ({preview.skipped.length})</h3>
          <ul className="import-list">
            {preview.skipped.map((s, i) => (
              <li key={i} className="import-item import-skipped">
                <span className="import-label">{s.entry}</span>
                <span className="import-detail">{s.reason}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function PreviewSection({ title, accounts, muted }: { title: string; accounts: PreviewAccountView[]; muted?: boolean }) {
  return (
    <section aria-label={title}>
      <h3 className="import-heading">{title}</h3>
      <ul className={`import-list${muted ? ' is-muted' : ''}`}>
        {accounts.map((a, i) => (
          <li key={i} className="import-item">
            <span className="import-label">{labelOf(a)}</span>
            <span className="import-detail">{describe(a)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function labelOf(a: PreviewAccountView): string {
  return [a.issuer, a.name].filter(Boolean).join(' · ') || '(no name)';
}

function describe(account: PreviewAccountView): string {
  const { otp } = account;
  const kind =
    otp.type === 'steam'
      ? 'Steam Guard'
      : otp.type === 'totp'
        ? `TOTP · ${otp.algorithm} · ${otp.digits} digits · ${otp.period} s`
        : `HOTP · ${otp.algorithm} · ${otp.digits} digits · counter ${otp.counter}`;
  return [kind, account.tags.length ? `tags ${account.tags.join(', ')}` : null, account.favourite ? 'favourite' : null].filter(Boolean).join(' · ');
}
