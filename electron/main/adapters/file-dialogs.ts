import { dialog, type BrowserWindow } from 'electron';
import type { FolderDialogPort } from '../services/backup';
import type { FileDialogPort, FileFilter } from '../services/import-export/file-ports';

/**
 * The open and save dialogs for import and export. The save dialog is the only way an export
 * reaches the disk: ImportExportService writes to the path returned here and nowhere else.
 */
export class ElectronFileDialogs implements FileDialogPort, FolderDialogPort {
  constructor(private readonly parent: () => BrowserWindow | null) {}

  async chooseImportFile(options: { title: string; filters: FileFilter[] }): Promise<string | null> {
    const dialogOptions: Electron.OpenDialogOptions = { title: options.title, properties: ['openFile'], filters: options.filters };
    const parent = this.parent();
    const result = parent ? await dialog.showOpenDialog(parent, dialogOptions) : await dialog.showOpenDialog(dialogOptions);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  }

  /** The backup folder: chosen here, in main, never passed in by the renderer. */
  async chooseFolder(options: { title: string }): Promise<string | null> {
    const dialogOptions: Electron.OpenDialogOptions = { title: options.title, properties: ['openDirectory', 'createDirectory'] };
    const parent = this.parent();
    const result = parent ? await dialog.showOpenDialog(parent, dialogOptions) : await dialog.showOpenDialog(dialogOptions);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  }

  async chooseExportPath(options: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | null> {
    const dialogOptions: Electron.SaveDialogOptions = {
      title: options.title,
      defaultPath: options.defaultName,
      filters: options.filters,
      properties: ['showOverwriteConfirmation', 'createDirectory'],
    };
    const parent = this.parent();
    const result = parent ? await dialog.showSaveDialog(parent, dialogOptions) : await dialog.showSaveDialog(dialogOptions);
    return result.canceled || !result.filePath ? null : result.filePath;
  }
}
