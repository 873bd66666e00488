import { z } from 'zod';
import { MAIN_ONLY_SETTINGS, SettingsSchema } from '../settings';
import type { ChannelMap, EventMap } from './channel-types';

/**
 * A change to some settings. Built from the settings schema's own field types, without their
 * defaults: a patch that names one field must never reset the others to their defaults.
 */
export const SettingsPatchSchema = z
  .object(
    Object.fromEntries(
      Object.entries(SettingsSchema.shape)
        .filter(([key]) => !(MAIN_ONLY_SETTINGS as readonly string[]).includes(key))
        .map(([key, field]) => [key, unwrapDefault(field).optional()]),
    ),
  )
  .strict() as unknown as z.ZodType<Partial<z.output<typeof SettingsSchema>>, Partial<z.output<typeof SettingsSchema>>>;
export type SettingsPatch = Partial<z.output<typeof SettingsSchema>>;

function unwrapDefault(field: z.ZodType): z.ZodType {
  return field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field;
}

export const settingsChannels = {
  'settings:get': { args: z.tuple([]), result: SettingsSchema },
  'settings:set': { args: z.tuple([SettingsPatchSchema.describe('patch')]), result: SettingsSchema },
} as const satisfies ChannelMap;

export const settingsEvents = {
  'settings:changed': SettingsSchema,
} as const satisfies EventMap;
