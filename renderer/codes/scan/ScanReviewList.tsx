import type { ScanCandidateView, ScanReviewView } from '../../../shared/ipc/scan-channels';

function details(c: ScanCandidateView): string {
  const type = c.type === 'steam' ? 'Steam' : c.type.toUpperCase();
  const timing = c.type === 'hotp' ? `counter ${c.counter}` : `${c.period} s`;
  return `${type} · ${c.algorithm} · ${c.digits} digits · ${timing}`;
}

export interface ScanReviewListProps {
  review: ScanReviewView;
  selected: readonly string[];
  onToggle: (key: string) => void;
}

/**
 * The confirmation step: every account found (issuer, account, type) with a checkbox, duplicates
 * of accounts already in the vault flagged and unticked; then why other codes gave nothing.
 */
export function ScanReviewList({ review, selected, onToggle }: ScanReviewListProps) {
  const { candidates, notices, migration } = review;
  return (
    <div className="scan-review">
      {migration && (
        <div className="callout callout-warning scan-progress" role="status">
          <p className="scan-progress-text">
            <strong>Google Authenticator export: {migration.message}.</strong>{' '}
            {migration.missingMessage && `${capitalize(migration.missingMessage)}: scan ${migration.missing.length === 1 ? 'it' : 'them'} to finish.`}
          </p>
        </div>
      )}
      {candidates.length > 0 && (
        <>
          <h3 className="scan-section-title">
            {candidates.length === 1 ? '1 account found' : `${candidates.length} accounts found`} — pick the ones to add
          </h3>
          <ul className="scan-candidates" aria-label="Accounts found">
            {candidates.map((c) => (
              <li key={c.key} className={c.duplicate ? 'scan-candidate scan-duplicate' : 'scan-candidate'}>
                <label className="check">
                  <input type="checkbox" checked={selected.includes(c.key)} onChange={() => onToggle(c.key)} />
                  <span className="check-text">
                    <span className="check-title">
                      {c.issuer || c.name || '(no name)'}
                      {c.issuer && c.name && <span className="scan-account-name"> · {c.name}</span>}
                    </span>
                    <span className="check-desc">
                      {details(c)} · from {c.source}
                    </span>
                    {c.duplicate && <span className="scan-flag">Already in Twofold</span>}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </>
      )}
      {notices.length > 0 && (
        <ul className="scan-notices" aria-label="Notes">
          {notices.map((n, i) => (
            <li key={i} className={n.kind === 'migration-complete' ? 'scan-notice scan-notice-ok' : 'scan-notice'}>
              {n.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
