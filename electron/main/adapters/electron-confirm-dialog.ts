import { dialog, type BrowserWindow } from 'electron';
import type { ConfirmDialogPort, ConfirmRequest } from '../services/security/confirm-dialog';

/**
 * Native confirmation, shown by main. Cancel is the default and the Escape answer, so pressing
 * Enter or closing the box never confirms a risky choice.
 */
export class ElectronConfirmDialog implements ConfirmDialogPort {
  constructor(private readonly parent: () => BrowserWindow | null) {}

  async confirm(request: ConfirmRequest): Promise<boolean> {
    const options: Electron.MessageBoxOptions = {
      type: 'warning',
      title: request.title,
      message: request.message,
      detail: request.detail,
      buttons: ['Cancel', request.confirmLabel],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    };
    const parent = this.parent();
    const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
    return response === 1;
  }
}
