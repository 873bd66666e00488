import { dialog, type BrowserWindow } from 'electron';
import type { ImageFilePicker } from '../services/scan/scan-ports';

/** The open-file dialog for "Scan an image file", limited to the formats the scanner reads. */
export class ElectronImageFilePicker implements ImageFilePicker {
  constructor(private readonly parent: () => BrowserWindow | null) {}

  async pickImage(): Promise<string | null> {
    const options: Electron.OpenDialogOptions = {
      title: 'Scan a QR code from an image',
      properties: ['openFile'],
      filters: [
        { name: 'Images', extensions: ['png', 'jpg', 'jpeg', 'webp', 'bmp', 'gif'] },
        { name: 'All files', extensions: ['*'] },
      ],
    };
    const parent = this.parent();
    const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  }
}
