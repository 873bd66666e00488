import { describe, expect, it } from 'vitest';
import { TrayBackupNotifier, type NotificationApi } from '../../electron/main/adapters/backup-notice';

/** The "backup failed" notice beside the tray: shown once per call, opens the window on click. */
describe('TrayBackupNotifier', () => {
  function fakeNotifications(supported: boolean) {
    const shown: { title: string; body: string; click?: () => void }[] = [];
    const api: NotificationApi = {
      isSupported: () => supported,
      create(options) {
        const notice: { title: string; body: string; click?: () => void } = { ...options };
        return {
          show: () => void shown.push(notice),
          on: (_event, listener) => {
            notice.click = listener;
          },
        };
      },
    };
    return { api, shown };
  }

  it('shows a system notification with the message, and a click shows the window', () => {
    const { api, shown } = fakeNotifications(true);
    let windows = 0;
    new TrayBackupNotifier(api, () => windows++).backupFailed('The disk holding the backup folder /media/usb is full.');
    expect(shown).toEqual([expect.objectContaining({ title: 'Twofold could not save a backup', body: 'The disk holding the backup folder /media/usb is full.' })]);
    shown[0]!.click?.();
    expect(windows).toBe(1);
  });

  it('does nothing where notifications are not supported (the window banner still says it)', () => {
    const { api, shown } = fakeNotifications(false);
    new TrayBackupNotifier(api, () => {}).backupFailed('x');
    expect(shown).toEqual([]);
  });
});
