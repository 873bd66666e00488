import { REVEAL_SECONDS } from '../../../shared/ipc/codes-channels';
import type { NextCodePreview } from '../../../shared/settings';
import { CheckField, SelectField } from '../../ui/Field';
import { useSettingsSaver } from './use-settings-saver';

/** Hide codes, the next-code preview, content protection and blurring while unfocused. */
export function PrivacySettings() {
  const { settings, error, save } = useSettingsSaver();
  if (!settings) return null;

  return (
    <div className="settings-section-body">
      <CheckField
        label="Hide codes"
        description={`Codes show as ••• ••• until you click one (or focus it and press Enter); it hides again after ${REVEAL_SECONDS} seconds. Copying works without revealing.`}
        checked={settings.hideCodes}
        onChange={(e) => save({ hideCodes: e.target.checked })}
      />
      <CheckField
        label="Keep windows out of screenshots and screen sharing"
        description="Asks the system to show Twofold's windows blank in captures. Honoured on Windows and macOS; most Linux desktops ignore it."
        checked={settings.contentProtection}
        onChange={(e) => save({ contentProtection: e.target.checked })}
      />
      <CheckField
        label="Blur codes while Twofold is in the background"
        description="The codes sharpen again as soon as you switch back to the window."
        checked={settings.blurWhenUnfocused}
        onChange={(e) => save({ blurWhenUnfocused: e.target.checked })}
      />
      <div className="settings-grid">
        <SelectField
          label="Next code"
          value={settings.nextCodePreview}
          onChange={(e) => save({ nextCodePreview: e.target.value as NextCodePreview })}
          options={[
            { value: 'last-5s', label: 'Show in the last 5 seconds' },
            { value: 'off', label: 'Never show' },
          ]}
          hint="When shown, the copy button beside the countdown copies it."
        />
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
