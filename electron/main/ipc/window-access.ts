import { err } from '../../../shared/result';
import type { IpcChannel, IpcEvent } from '../../../shared/ipc/contract';
import type { IpcDispatch } from './dispatcher';

/**
 * Per-window IPC allow-lists (issue #12): which of our windows may call each channel, decided in
 * main from the window the call came from (never from anything the page says about itself).
 *
 * - The codes window holds the vault: accounts, codes, import/export, scanning, settings.
 * - The admin window shows data from remote MFA servers, so it is the likelier one to be fed
 *   hostile content: it reaches only the admin channels and what it needs of the vault (status,
 *   unlock, lock, activity). It cannot export, change vault settings or slots, or edit accounts.
 *
 * Every channel of the contract must be classified here: `satisfies Record<IpcChannel, …>` makes
 * TypeScript refuse a channel that is missing, and test/security/window-access.test.ts walks
 * every channel from each window. A channel no window needs gets `[]`.
 */
export const WINDOW_KINDS = ['codes', 'admin'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

const CODES = ['codes'] as const;
const ADMIN = ['admin'] as const;
const BOTH = ['codes', 'admin'] as const;

export const CHANNEL_WINDOWS = {
  'vault:status': BOTH,
  'vault:keychain-availability': CODES,
  'vault:create': CODES,
  'vault:unlock': BOTH,
  'vault:unlock-keychain': CODES,
  'vault:lock': BOTH,
  'vault:touch': BOTH,
  'vault:change-password': CODES,
  'vault:keychain': CODES,

  'accounts:list': CODES,
  'accounts:add': CODES,
  'accounts:add-uri': CODES,
  'accounts:update': CODES,
  'accounts:remove': CODES,
  'accounts:reorder': CODES,
  'accounts:set-icon': CODES,
  'accounts:rename-tag': CODES,
  'accounts:delete-tag': CODES,
  /** The trash keeps secrets in the vault and returns only views: codes window only, like account editing. */
  'trash:list': CODES,
  'trash:restore': CODES,
  'trash:delete': CODES,
  'trash:empty': CODES,

  /**
   * Backups re-encrypt every secret into a folder and under a password; restoring feeds the import
   * preview. Codes window only: the admin window never reaches them.
   */
  'backup:status': CODES,
  'backup:choose-folder': CODES,
  'backup:set-password': CODES,
  'backup:turn-off': CODES,
  'backup:now': CODES,
  'backup:versions': CODES,
  'backup:restore': CODES,
  'backup:check-password': CODES,

  'codes:current': CODES,
  'codes:copy': CODES,
  'codes:hotp-next': CODES,
  'codes:copy-next': CODES,
  'codes:reveal': CODES,

  'settings:get': CODES,
  'settings:set': CODES,

  'scan:screen': CODES,
  'scan:open-file': CODES,
  'scan:image': CODES,
  'scan:clipboard': CODES,
  'scan:payloads': CODES,
  'scan:confirm': CODES,
  'scan:link-reviews': CODES,
  'scan:discard': CODES,

  'import:open-file': CODES,
  'import:file-bytes': CODES,
  'import:password': CODES,
  'import:confirm': CODES,
  'import:cancel': CODES,
  'export:aegis': CODES,
  'export:uris': CODES,
  'export:account-qr': CODES,

  /** The codes window's Settings → Admin mode opens the admin window. */
  'admin:open-window': CODES,
  /** The codes window's Settings → Tray and shortcuts records the global shortcut. */
  'desktop:set-global-shortcut': CODES,
  'admin:servers': ADMIN,
  'admin:add-server': ADMIN,
  'admin:remove-server': ADMIN,
  'admin:restore-server': ADMIN,
  'admin:health': ADMIN,
  'admin:session': ADMIN,
  'admin:sign-in': ADMIN,
  'admin:submit-code': ADMIN,
  'admin:enroll-at-sign-in': ADMIN,
  'admin:vault-code': ADMIN,
  'admin:link-choice': ADMIN,
  'admin:link-account': ADMIN,
  'admin:sign-out': ADMIN,
  'admin:policy': ADMIN,
  'admin:update-policy': ADMIN,
  'admin:users': ADMIN,
  'admin:reset-user-mfa': ADMIN,
  'admin:unlock-user': ADMIN,
  'admin:require-user-mfa': ADMIN,
  'admin:regenerate-recovery-codes': ADMIN,
  'admin:my-mfa': ADMIN,
  'admin:enroll-me': ADMIN,
  'admin:disable-my-mfa': ADMIN,
  'admin:audit': ADMIN,
  'admin:export-audit': ADMIN,

  /** Settings → Updates: the status and "Check now" (the switch itself is settings:set). */
  'updates:status': CODES,
  'updates:check': CODES,
} as const satisfies Record<IpcChannel, readonly WindowKind[]>;

/**
 * Which windows receive each pushed event. Events carry no secret, but they do carry what the
 * codes window keeps to itself: the settings (backup folder, admin-mode profiles are main-only
 * anyway), the issuers and names of a scanned link under review, the update and backup status.
 * The admin window, the one fed by remote servers, gets only the vault's lock state. Checked
 * like the channels: every event must be placed (`satisfies`), and the registry delivers by kind.
 */
export const EVENT_WINDOWS = {
  'vault:changed': BOTH,
  'accounts:changed': CODES,
  'settings:changed': CODES,
  'scan:review-ready': CODES,
  'updates:changed': CODES,
  'backup:changed': CODES,
} as const satisfies Record<IpcEvent, readonly WindowKind[]>;

/** True when `window` should receive `event`. Unknown events: false. */
export function windowReceives(window: WindowKind, event: string): boolean {
  if (!Object.hasOwn(EVENT_WINDOWS, event)) return false;
  return (EVENT_WINDOWS[event as IpcEvent] as readonly WindowKind[]).includes(window);
}

/** True when `window` may call `channel`. Unknown channels and unknown windows: false. */
export function windowMayCall(window: WindowKind, channel: string): boolean {
  if (!Object.hasOwn(CHANNEL_WINDOWS, channel)) return false;
  return (CHANNEL_WINDOWS[channel as IpcChannel] as readonly WindowKind[]).includes(window);
}

/** The channels `window` may call. */
export function channelsOf(window: WindowKind): IpcChannel[] {
  return (Object.keys(CHANNEL_WINDOWS) as IpcChannel[]).filter((channel) => windowMayCall(window, channel));
}

/**
 * The dispatcher as one window sees it: a channel outside the window's list is refused with
 * 'forbidden' before its arguments are even parsed. Unknown channels still get the dispatcher's
 * 'bad-request' naming them.
 */
export function restrictToWindow(dispatch: IpcDispatch, window: WindowKind): IpcDispatch {
  return async (channel, rawArgs) => {
    if (Object.hasOwn(CHANNEL_WINDOWS, channel) && !windowMayCall(window, channel)) {
      return err({ code: 'forbidden', message: `The ${window} window cannot use "${channel}". Use the window that offers it.` });
    }
    return dispatch(channel, rawArgs);
  };
}
