/**
 * A settings change that is not allowed, naming the field. In its own module (re-exported by
 * settings.ts) so the CLI can recognise it without loading zod and the settings schema.
 */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
  readonly code = 'invalid-settings';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
