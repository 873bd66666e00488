import { accountsChannels, accountsEvents } from './accounts-channels';
import { adminChannels } from './admin-channels';
import { backupChannels, backupEvents } from './backup-channels';
import { codesChannels } from './codes-channels';
import { desktopChannels } from './desktop-channels';
import { importChannels } from './import-channels';
import { recoveryCodesChannels } from './recovery-codes-channels';
import { scanChannels, scanEvents } from './scan-channels';
import { settingsChannels, settingsEvents } from './settings-channels';
import { updatesChannels, updatesEvents } from './updates-channels';
import { trashChannels } from './trash-channels';
import { vaultChannels, vaultEvents } from './vault-channels';

/**
 * The single source of truth for main ⇄ renderer calls: every channel's argument and result
 * schema, merged from one file per area (`shared/ipc/<area>-channels.ts`).
 *
 * To add an area: write `shared/ipc/<area>-channels.ts` exporting `<area>Channels` (and
 * `<area>Events` if it pushes events), then add one spread line below for each. The preload,
 * the renderer's `window.twofold` type and the handler table all follow from these two objects.
 */
export const ipcContract = {
  ...vaultChannels,
  ...accountsChannels,
  ...trashChannels,
  ...recoveryCodesChannels,
  ...codesChannels,
  ...settingsChannels,
  ...scanChannels,
  ...importChannels,
  ...adminChannels,
  ...desktopChannels,
  ...updatesChannels,
  ...backupChannels,
} as const;

export const ipcEvents = {
  ...vaultEvents,
  ...accountsEvents,
  ...settingsEvents,
  ...scanEvents,
  ...updatesEvents,
  ...backupEvents,
} as const;

export type IpcContract = typeof ipcContract;
export type IpcChannel = keyof IpcContract & string;
export type IpcEvents = typeof ipcEvents;
export type IpcEvent = keyof IpcEvents & string;

export const ipcChannelNames = Object.keys(ipcContract) as IpcChannel[];
export const ipcEventNames = Object.keys(ipcEvents) as IpcEvent[];
