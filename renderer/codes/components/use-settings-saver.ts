import { useState } from 'react';
import type { Settings, SettingsPatch } from '../../../shared/settings';
import { useCodes, useCodesActions } from '../context';

/**
 * What every Settings section needs: the current settings (null until loaded), a `save(patch)`
 * that goes through main's validation, and the last refusal's message to show beside the section.
 *
 * A change shows at once: until main answers, the patch is laid over the settings, so a switch
 * the user just flipped does not flip back for the length of a round trip (and a refused change
 * returns to main's value with the reason shown).
 */
export function useSettingsSaver() {
  const actions = useCodesActions();
  const stored = useCodes((s) => s.settings);
  const [pending, setPending] = useState<SettingsPatch>({});
  const [error, setError] = useState<string | null>(null);

  async function save(patch: SettingsPatch) {
    setPending((current) => ({ ...current, ...patch }));
    const result = await actions.saveSettings(patch);
    setPending((current) => {
      const rest = { ...current };
      for (const key of Object.keys(patch) as (keyof SettingsPatch)[]) if (rest[key] === patch[key]) delete rest[key];
      return rest;
    });
    setError(result.ok ? null : result.error.message);
  }

  const settings: Settings | null = stored ? { ...stored, ...pending } : null;
  return { settings, error, save };
}
