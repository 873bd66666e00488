import { useState } from 'react';
import type { SettingsPatch } from '../../../shared/settings';
import { useCodes, useCodesActions } from '../context';

/**
 * What every Settings section needs: the current settings (null until loaded), a `save(patch)`
 * that goes through main's validation, and the last refusal's message to show beside the section.
 */
export function useSettingsSaver() {
  const actions = useCodesActions();
  const settings = useCodes((s) => s.settings);
  const [error, setError] = useState<string | null>(null);

  async function save(patch: SettingsPatch) {
    const result = await actions.saveSettings(patch);
    setError(result.ok ? null : result.error.message);
  }

  return { settings, error, save };
}
