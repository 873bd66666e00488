import type { Theme } from '../../../shared/settings';
import { SelectField } from '../../ui/Field';
import { useSettingsSaver } from './use-settings-saver';
import { ChangePasswordForm } from './ChangePasswordForm';
import { KeychainSettings } from './KeychainSettings';

const AUTO_LOCK = [0, 1, 2, 5, 10, 15, 30, 60];
const CLIPBOARD = [0, 10, 20, 30, 45, 60, 90, 120];

const minutes = (m: number) => (m === 0 ? 'Never' : m === 1 ? 'After 1 minute' : `After ${m} minutes`);
const seconds = (s: number) => (s === 0 ? 'Never' : s < 60 || s % 60 ? `After ${s} seconds` : `After ${s / 60} minute${s === 60 ? '' : 's'}`);

/** Auto-lock, clipboard clearing, appearance, keychain unlock and the password. */
export function SecuritySettings() {
  const { settings, error, save } = useSettingsSaver();
  if (!settings) return null;

  const withCurrent = (list: number[], value: number) => (list.includes(value) ? list : [...list, value].sort((a, b) => a - b));

  return (
    <div className="settings-section-body">
      <div className="settings-grid">
        <SelectField
          label="Lock automatically"
          value={String(settings.autoLockMinutes)}
          onChange={(e) => save({ autoLockMinutes: Number(e.target.value) })}
          options={withCurrent(AUTO_LOCK, settings.autoLockMinutes).map((m) => ({ value: String(m), label: minutes(m) }))}
          hint="When Twofold has not been used for this long."
        />
        <SelectField
          label="Clear copied codes"
          value={String(settings.clipboardClearSeconds)}
          onChange={(e) => save({ clipboardClearSeconds: Number(e.target.value) })}
          options={withCurrent(CLIPBOARD, settings.clipboardClearSeconds).map((s) => ({ value: String(s), label: seconds(s) }))}
          hint="Only if the clipboard still holds the code."
        />
        <SelectField
          label="Appearance"
          value={settings.theme}
          onChange={(e) => save({ theme: e.target.value as Theme })}
          options={[
            { value: 'system', label: 'Match the system' },
            { value: 'light', label: 'Light' },
            { value: 'dark', label: 'Dark' },
          ]}
        />
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="settings-divider" />
      <KeychainSettings />
      <div className="settings-divider" />
      <ChangePasswordForm />
    </div>
  );
}
