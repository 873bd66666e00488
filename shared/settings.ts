import { z } from 'zod';
import { SettingsError } from './settings-error';

/**
 * User settings: small, non-secret preferences kept in a plain JSON file beside the vault
 * (never key material: API keys go into the vault's named secrets). Every field has a default,
 * so an empty or partly damaged settings file still yields complete settings; new fields are
 * added here with a default and need no migration.
 */

export const THEMES = ['system', 'light', 'dark'] as const;
export const ThemeSchema = z.enum(THEMES);
export type Theme = z.infer<typeof ThemeSchema>;

/** Whether the next period's code is shown (and computed) in the last 5 seconds of a period. */
export const NEXT_CODE_PREVIEWS = ['off', 'last-5s'] as const;
export const NextCodePreviewSchema = z.enum(NEXT_CODE_PREVIEWS);
export type NextCodePreview = z.infer<typeof NextCodePreviewSchema>;

/** How the codes list is ordered (favourites stay first in every order). */
export const SORT_ORDERS = ['manual', 'name', 'most-used', 'recently-used'] as const;
export const SortOrderSchema = z.enum(SORT_ORDERS);
export type SortOrder = z.infer<typeof SortOrderSchema>;

export const LIST_DENSITIES = ['comfortable', 'compact'] as const;
export const ListDensitySchema = z.enum(LIST_DENSITIES);
export type ListDensity = z.infer<typeof ListDensitySchema>;

export const WindowBoundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(100).max(100_000),
  height: z.number().int().min(100).max(100_000),
  maximized: z.boolean().default(false),
});
export type WindowBounds = z.infer<typeof WindowBoundsSchema>;

/** An MFA administration server the admin window can sign in to. Its API key lives in the vault. */
export const AdminServerProfileSchema = z.object({
  id: z.uuid(),
  name: z.string().trim().min(1).max(100),
  url: z.url({ protocol: /^https?$/ }).max(2048),
  /** The server's TOTP issuer, learned from its /health when the profile is added and before each sign-in: finds this user's account in the vault. */
  issuer: z.string().max(64).optional(),
  /**
   * The one vault account whose codes may be filled in for this server (issue #12.3). Set only
   * by main: by "Enroll with Twofold" or when the user links an account after seeing the origin.
   * A hostile server's /health cannot pick it: the issuer and origin here are what the server said
   * when the link was made, and a later difference stops all filling until the user links again.
   */
  link: z
    .object({
      accountId: z.uuid(),
      /** Whose code it is: the username signed in (or signing in) when the link was made. */
      username: z.string().min(1).max(64),
      issuer: z.string().max(64),
      origin: z.string().max(2048),
      via: z.enum(['enrollment', 'user']),
      /** Set when the server later named another issuer: filling stops until the user links again. */
      changedTo: z.string().max(64).optional(),
    })
    .optional(),
});
export type AdminServerProfile = z.infer<typeof AdminServerProfileSchema>;

export const SettingsSchema = z.object({
  /** Minutes of inactivity before the vault locks; 0 = never. */
  autoLockMinutes: z.number().int().min(0).max(24 * 60).default(5),
  /** Seconds before a copied code is cleared from the clipboard; 0 = never. */
  clipboardClearSeconds: z.number().int().min(0).max(3600).default(30),
  theme: ThemeSchema.default('system'),
  /** The user chose to unlock with the OS keychain (the vault holds the slot itself). */
  keychainOptIn: z.boolean().default(false),
  /** Electron accelerator that shows the codes window, e.g. "CommandOrControl+Shift+2"; null = none. */
  globalShortcut: z.string().min(1).max(100).nullable().default(null),
  startAtLogin: z.boolean().default(false),
  /**
   * Codes show as "••• •••" until the user reveals one (for 10 s). While on, the main process
   * leaves the digits out of `codes:current` entirely: they are not in the renderer to be read.
   */
  hideCodes: z.boolean().default(false),
  nextCodePreview: NextCodePreviewSchema.default('last-5s'),
  /**
   * Every window asks the OS to keep it out of screenshots and screen sharing
   * (`BrowserWindow.setContentProtection`: macOS and Windows honour it; Linux compositors do not).
   */
  contentProtection: z.boolean().default(true),
  /** Blur the codes while no Twofold window has the focus (someone looking over a shoulder). */
  blurWhenUnfocused: z.boolean().default(false),
  /** Closing the codes window keeps Twofold in the tray (true) or quits (false). */
  closeToTray: z.boolean().default(true),
  /** The one-time "Twofold is still running in the tray" notice has been shown. */
  closeToTrayNoticeShown: z.boolean().default(false),
  sortOrder: SortOrderSchema.default('manual'),
  listDensity: ListDensitySchema.default('comfortable'),
  /** Check GitHub releases for a newer Twofold at start and daily (off: no request at all). */
  autoUpdate: z.boolean().default(true),
  windowBounds: WindowBoundsSchema.optional(),
  /**
   * The newest vault change this installation has seen (issue #12, rollback): the vault's id and
   * the change counter kept inside its encrypted content. Opening a file of the same vault with a
   * lower counter warns first. Written by main only (not part of a renderer's settings patch).
   */
  vaultSeen: z
    .object({ vaultId: z.uuid(), generation: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) })
    .nullable()
    .default(null),
  /** Automatic backups: how many versions to keep in the backup folder (the folder itself is kept in the vault). */
  backupKeep: z.number().int().min(1).max(100).default(10),
  /**
   * Days between "do you still know your vault password?" reminders when the vault is usually
   * unlocked by the OS keychain; 0 = never remind.
   */
  passwordReminderDays: z.number().int().min(0).max(365).default(14),
  /** When the vault password was last typed (unlock or check), ISO 8601; set by the main process. */
  lastPasswordEntryAt: z.iso.datetime().nullable().default(null),
  adminServers: z
    .array(AdminServerProfileSchema)
    .max(100)
    .refine((list) => new Set(list.map((p) => p.id)).size === list.length, 'admin server ids must be unique')
    .default([]),
});
export type Settings = z.infer<typeof SettingsSchema>;
/**
 * Settings only the main process writes: a renderer's `settings:set` cannot name them.
 * - `vaultSeen`: the rollback check would be void if a renderer could lower it.
 * - `adminServers`: each profile's `link` decides which vault code a server is sent; a renderer
 *   that could write it would bypass main's link confirmation (AdminService.linkAccount).
 * - `lastPasswordEntryAt`: a renderer could silence the password reminder.
 */
export const MAIN_ONLY_SETTINGS = ['vaultSeen', 'adminServers', 'lastPasswordEntryAt'] as const;

/** A change to some settings; `undefined` for `windowBounds` removes the saved bounds. */
export type SettingsPatch = Partial<Settings>;

export const DEFAULT_SETTINGS: Settings = Object.freeze(SettingsSchema.parse({}));

export { SettingsError } from './settings-error';

/**
 * Reads settings from untrusted stored data one field at a time: a damaged field falls back to
 * its default (and is reported) instead of throwing every other setting away.
 */
export function readSettingsLeniently(raw: unknown): { settings: Settings; problems: string[] } {
  const record = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const problems: string[] = [];
  const settings: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(SettingsSchema.shape)) {
    const parsed = (schema as z.ZodType).safeParse(record[key]);
    if (parsed.success) {
      if (parsed.data !== undefined) settings[key] = parsed.data;
    } else {
      problems.push(`${key}: ${parsed.error.issues[0]?.message ?? 'invalid'} (using the default)`);
      const fallback = (schema as z.ZodType).safeParse(undefined);
      if (fallback.success && fallback.data !== undefined) settings[key] = fallback.data;
    }
  }
  return { settings: settings as Settings, problems };
}

/**
 * Validates a change against the current settings. Throws SettingsError naming the field and
 * saying what is allowed; the current settings stay as they were.
 */
export function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) throw new SettingsError('Expected an object of settings to change.');
  for (const key of Object.keys(patch)) {
    if (!(key in SettingsSchema.shape)) throw new SettingsError(`Unknown setting "${key}".`, key);
  }
  const merged: Record<string, unknown> = { ...current, ...patch };
  if ('windowBounds' in patch && patch.windowBounds === undefined) delete merged.windowBounds;
  const parsed = SettingsSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw new SettingsError(`Setting ${field || '(settings)'} is invalid: ${issue?.message ?? 'invalid value'}. Nothing was changed.`, field || undefined);
  }
  return parsed.data;
}

/**
 * The settings port. The main process owns the settings; Electron implements it over
 * electron-store, plain Node (CLI, tests) over `conf`.
 */
export interface SettingsStore {
  get(): Settings;
  /** Validates and saves a change, then notifies listeners. Returns the new settings. */
  set(patch: SettingsPatch): Settings;
  /** Called with the new settings after every change. Returns an unsubscribe function. */
  onChange(listener: (settings: Settings) => void): () => void;
}
