import { useState } from 'react';
import { useDesktopApi } from '../../codes/context';

/** The codes window's "Admin mode" entry (a Settings section): opens the admin window. */
export function AdminModeSection() {
  const api = useDesktopApi();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <p className="field-hint">Administer an MFA server: its policy, its users' MFA status and the audit log, in a window of its own.</p>
      <button
        type="button"
        className="btn"
        onClick={async () => {
          const result = await api.admin.openWindow();
          setError(result.ok ? null : result.error.message);
        }}
      >
        Open MFA administration
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
