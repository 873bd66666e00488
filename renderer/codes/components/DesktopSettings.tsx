import { useState } from 'react';
import type { SettingsPatch } from '../../../shared/settings';
import { CheckField } from '../../ui/Field';
import { useCodes, useCodesActions } from '../context';
import { ShortcutRecorder } from './ShortcutRecorder';

/** Tray, start at login and the global shortcut. */
export function DesktopSettings() {
  const actions = useCodesActions();
  const settings = useCodes((s) => s.settings);
  const [error, setError] = useState<string | null>(null);
  if (!settings) return null;

  async function save(patch: SettingsPatch) {
    const result = await actions.saveSettings(patch);
    setError(result.ok ? null : result.error.message);
  }

  return (
    <div className="settings-section-body">
      <CheckField
        label="Keep running in the tray when the window is closed"
        description="Favourites are one click away in the tray menu. Off: closing the window quits Twofold."
        checked={settings.closeToTray}
        onChange={(e) => save({ closeToTray: e.target.checked })}
      />
      <CheckField
        label="Start Twofold when I log in"
        description="It starts in the tray, without opening a window."
        checked={settings.startAtLogin}
        onChange={(e) => save({ startAtLogin: e.target.checked })}
      />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <ShortcutRecorder />
    </div>
  );
}
