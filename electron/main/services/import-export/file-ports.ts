/**
 * Ports between the import/export service and the OS. The Electron adapter for the dialogs is
 * electron/main/adapters/file-dialogs.ts; tests use fakes. Exports go *only* to the path the save
 * dialog returned: the service has no other way to write.
 */
export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface FileDialogPort {
  /** Asks which file to import; null when the user cancels. */
  chooseImportFile(options: { title: string; filters: FileFilter[] }): Promise<string | null>;
  /** Asks where to save an export; null when the user cancels. */
  chooseExportPath(options: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | null>;
}

export interface FileAccess {
  /**
   * Reads the file unless it is larger than `maxBytes`; `size` is always the file's full size,
   * so a caller can refuse a huge file without reading it.
   */
  read(path: string, maxBytes: number): Promise<{ size: number; bytes: Uint8Array }>;
  /** Creates or replaces the file, readable by the user only. */
  write(path: string, data: string): Promise<void>;
}
