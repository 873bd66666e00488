import { z } from 'zod';
import type { ChannelMap, EventMap } from './channel-types';

/** Mirrors `VaultStatus` of electron/main/services/vault (the handlers check the match). */
export const VaultStatusSchema = z.object({
  state: z.enum(['missing', 'locked', 'unlocked']),
  hasKeychainSlot: z.boolean(),
  autoLockMinutes: z.number().int().nonnegative(),
});
export type VaultStatusView = z.infer<typeof VaultStatusSchema>;

/** Mirrors `KeychainAvailability`: whether an OS-keychain slot can be offered, and how safe it is. */
export const KeychainAvailabilitySchema = z.object({
  available: z.boolean(),
  insecure: z.boolean(),
  backend: z.string(),
});
export type KeychainAvailabilityView = z.infer<typeof KeychainAvailabilitySchema>;

/**
 * Key material: passwords cross this boundary once, from the form the user typed them in to the
 * vault. They are never logged and never sent back.
 */
const Password = z.string().min(1).max(1024);

/**
 * `keychain: true` asks for an OS-keychain slot. Where the only keychain stores the key in clear
 * (Linux `basic_text`), main asks the user in a native dialog: the opt-in never crosses IPC, so
 * a compromised renderer cannot give it (issue #12).
 */
export const CreateVaultOptionsSchema = z.object({ keychain: z.boolean().default(false) }).strict();

export const KeychainToggleSchema = z.object({ enabled: z.boolean() }).strict();

export const vaultChannels = {
  'vault:status': { args: z.tuple([]), result: VaultStatusSchema },
  'vault:keychain-availability': { args: z.tuple([]), result: KeychainAvailabilitySchema },
  'vault:create': {
    args: z.tuple([Password.describe('password'), CreateVaultOptionsSchema.describe('options')]),
    result: VaultStatusSchema,
  },
  'vault:unlock': { args: z.tuple([Password.describe('password')]), result: VaultStatusSchema },
  'vault:unlock-keychain': { args: z.tuple([]), result: VaultStatusSchema },
  'vault:lock': { args: z.tuple([]), result: VaultStatusSchema },
  /** User activity in a window: restarts the auto-lock countdown. */
  'vault:touch': { args: z.tuple([]), result: z.null() },
  'vault:change-password': {
    args: z.tuple([Password.describe('currentPassword'), Password.describe('newPassword')]),
    result: VaultStatusSchema,
  },
  /** Turning the keychain slot on or off needs the vault password again (checked and rate-limited in main). */
  'vault:keychain': { args: z.tuple([KeychainToggleSchema.describe('keychain'), Password.describe('password')]), result: VaultStatusSchema },
} as const satisfies ChannelMap;

export const vaultEvents = {
  /** The vault was created, locked, unlocked, or its slots changed. */
  'vault:changed': VaultStatusSchema,
} as const satisfies EventMap;
