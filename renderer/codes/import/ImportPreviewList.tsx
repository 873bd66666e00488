import type { ImportPreviewView, PreviewAccountView } from '../../../shared/ipc/import-channels';

/** What an import will do: accounts to add, duplicates left out, entries skipped and why. */
export function ImportPreviewList({ preview }: { preview: ImportPreviewView }) {
  return (
    <div className="import-preview">
      <PreviewSection title={`Will be added (${preview.toAdd.length})`} accounts={preview.toAdd} empty="Nothing new to add." />
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

function PreviewSection({ title, accounts, empty, muted }: { title: string; accounts: PreviewAccountView[]; empty?: string; muted?: boolean }) {
  return (
    <section aria-label={title}>
      <h3 className="import-heading">{title}</h3>
      {accounts.length === 0 ? (
        <p className="import-empty">{empty}</p>
      ) : (
        <ul className={`import-list${muted ? ' is-muted' : ''}`}>
          {accounts.map((a, i) => (
            <li key={i} className="import-item">
              <span className="import-label">{[a.issuer, a.name].filter(Boolean).join(' · ') || '(no name)'}</span>
              <span className="import-detail">{describe(a)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function describe(account: PreviewAccountView): string {
  const { otp } = account;
  const kind =
    otp.type === 'steam'
      ? 'Steam Guard'
      : otp.type === 'totp'
        ? `TOTP · ${otp.algorithm} · ${otp.digits} digits · ${otp.period} s`
        : `HOTP · ${otp.algorithm} · ${otp.digits} digits · counter ${otp.counter}`;
  return [kind, account.group ? `group ${account.group}` : null, account.favourite ? 'favourite' : null].filter(Boolean).join(' · ');
}
