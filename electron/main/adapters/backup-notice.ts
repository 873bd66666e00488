import type { BackupNotifier } from '../services/backup';

/** The parts of Electron's `Notification` the notice uses (injected, so it is tested in Node). */
export interface NotificationApi {
  isSupported(): boolean;
  create(options: { title: string; body: string }): { show(): void; on(event: 'click', listener: () => void): unknown };
}

/**
 * The "backup failed" notice outside the window: a system notification, which the desktop shows
 * beside the tray icon (Windows: the notification area balloon; macOS and Linux: the notification
 * centre). Clicking it shows the window, whose banner says what to do. The window's banner is the
 * primary report; where notifications are unsupported this does nothing.
 *
 * @see https://www.electronjs.org/docs/latest/api/notification
 */
export class TrayBackupNotifier implements BackupNotifier {
  constructor(
    private readonly notifications: NotificationApi,
    private readonly showWindow: () => void,
  ) {}

  backupFailed(message: string): void {
    if (!this.notifications.isSupported()) return;
    const notice = this.notifications.create({ title: 'Twofold could not save a backup', body: message });
    notice.on('click', () => this.showWindow());
    notice.show();
  }
}
