import { CheckField } from '../../ui/Field';
import { useSettingsSaver } from './use-settings-saver';
import { ShortcutRecorder } from './ShortcutRecorder';

/** Tray, start at login and the global shortcut. */
export function DesktopSettings() {
  const { settings, error, save } = useSettingsSaver();
  if (!settings) return null;

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
