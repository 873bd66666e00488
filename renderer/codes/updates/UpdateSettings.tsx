import { useEffect, useState } from 'react';
import type { UpdateStatus } from '../../../shared/ipc/updates-channels';
import { CheckField } from '../../ui/Field';
import { useCodes, useCodesActions, useDesktopApi } from '../context';
import './updates.css';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Settings → Updates: the automatic-update switch (off: Twofold sends no request at all) and what
 * the last check found. The main process decides everything; this only shows its status and asks
 * for a check. The restart question is a native dialog, never this window's.
 */
export function UpdateSettings() {
  const api = useDesktopApi();
  const actions = useCodesActions();
  const settings = useCodes((s) => s.settings);
  const [status, setStatus] = useState<UpdateStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The switch follows the click at once; main's answer (settings:changed) then confirms it. */
  const [pending, setPending] = useState<boolean | null>(null);

  useEffect(() => {
    let live = true;
    const off = api.on('updates:changed', (next) => live && setStatus(next));
    void api.updates.status().then((r) => live && r.ok && setStatus(r.value));
    return () => {
      live = false;
      off();
    };
  }, [api]);

  if (!settings || !status) return null;
  // A build that cannot update itself: the switch would do nothing, so it is not offered.
  const unsupported = status.offReason !== null && status.offReason !== 'setting';
  const busy = status.state === 'checking' || status.state === 'downloading';

  async function toggle(on: boolean) {
    setPending(on);
    const r = await actions.saveSettings({ autoUpdate: on });
    setPending(null);
    setError(r.ok ? null : r.error.message);
  }

  async function checkNow() {
    const r = await api.updates.check();
    if (r.ok) setStatus(r.value);
    else setError(r.error.message);
  }

  return (
    <div className="settings-section-body update-settings">
      {!unsupported && (
        <CheckField
          label="Check for updates automatically"
          description="At start and once a day, from Twofold's GitHub releases. Updates are verified before they are installed, and Twofold asks before restarting."
          checked={pending ?? settings.autoUpdate}
          onChange={(e) => void toggle(e.target.checked)}
        />
      )}
      <p className={status.state === 'failed' ? 'field-error' : 'field-hint'} role="status" aria-live="polite">
        {status.message}
      </p>
      <p className="field-hint">
        Version {status.currentVersion}
        {status.lastCheckedAt ? ` · last checked ${when(status.lastCheckedAt)}` : ''}
      </p>
      {!status.offReason && (
        <button type="button" className="btn" disabled={busy} onClick={() => void checkNow()}>
          Check now
        </button>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
