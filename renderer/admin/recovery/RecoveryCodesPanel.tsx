import { useState } from 'react';
import { CheckField } from '../../ui/Field';
import { useAdmin, useAdminActions } from '../context';

/**
 * The recovery codes the server just issued, shown once (after "Enroll with Twofold" or "Get new
 * recovery codes"). They stay until the user ticks "I have saved them"; then the store drops them.
 * Main has also saved them in the linked vault account (issue #13.6) when it could: the panel says where.
 * Key material: the codes are rendered as text only here.
 */
export function RecoveryCodesPanel() {
  const actions = useAdminActions();
  const codes = useAdmin((s) => s.recoveryCodes);
  const savedTo = useAdmin((s) => s.recoveryCodesSavedTo);
  const [saved, setSaved] = useState(false);
  if (!codes) return null;
  return (
    <section className="recovery-panel" aria-labelledby="recovery-panel-title" data-testid="recovery-codes">
      <h3 id="recovery-panel-title" className="admin-h3">
        Save your recovery codes
      </h3>
      <p className="admin-muted">
        Each code signs you in to this server once instead of an authenticator code, if you lose this device. They are shown only now: write them down or keep
        them in a password manager.
      </p>
      {savedTo && (
        <p className="callout recovery-saved" role="status" data-testid="recovery-codes-saved">
          Saved in your Twofold vault with &ldquo;{savedTo}&rdquo;: open that account&rsquo;s details in the codes window to see them again with your vault
          password. Twofold marks a code used when you sign in here with it.
        </p>
      )}
      <ol className="recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <CheckField label="I have saved them" checked={saved} onChange={(e) => setSaved(e.target.checked)} />
      <div className="admin-form-actions">
        <button type="button" className="btn btn-primary" disabled={!saved} onClick={() => actions.dismissRecoveryCodes()}>
          Done
        </button>
      </div>
    </section>
  );
}
