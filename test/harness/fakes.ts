import type { ClipboardPort } from '../../electron/main/clipboard/clipboard-guard';
import type { ConfirmDialogPort, ConfirmRequest } from '../../electron/main/services/security';
import type { FileDialogPort, FileFilter } from '../../electron/main/services/import-export/file-ports';
import type { KeychainAvailability, KeyProtector } from '../../electron/main/services/vault';

/** The system clipboard, in memory: tests read what the app copied and see when it is cleared. */
export class FakeClipboard implements ClipboardPort {
  text = '';
  readonly writes: string[] = [];

  async readText(): Promise<string> {
    return this.text;
  }

  async writeText(text: string): Promise<void> {
    this.text = text;
    this.writes.push(text);
  }
}

/**
 * An OS keychain stand-in: "protects" by XOR with a per-instance pad, so a blob made by one
 * keychain does not open with another. `insecure` mimics Linux's basic_text backend.
 */
export class FakeKeyProtector implements KeyProtector {
  private readonly pad = 0x5a;

  constructor(private readonly state: KeychainAvailability = { available: true, insecure: false, backend: 'fake_keychain' }) {}

  async availability(): Promise<KeychainAvailability> {
    return { ...this.state };
  }

  async protect(vaultKey: Uint8Array): Promise<Uint8Array> {
    return Uint8Array.from(vaultKey, (b) => b ^ this.pad);
  }

  async unprotect(blob: Uint8Array): Promise<Uint8Array> {
    return Uint8Array.from(blob, (b) => b ^ this.pad);
  }
}

/** One question the app asked through the open/save dialog. */
export interface AskedFileDialog {
  kind: 'import' | 'export' | 'folder';
  title: string;
  /** The file name the save dialog proposed (export only). */
  defaultName?: string;
  /** Absent for the folder picker. */
  filters?: FileFilter[];
}

/**
 * The OS open and save dialogs, scripted: the test queues what the "user" picks
 * (`answerImport(path)`, `answerExport(path)`, null = cancel) and reads what the app asked
 * (`asked`). A dialog the test did not script fails loudly rather than pretending to cancel.
 */
export class ScriptedFileDialogs implements FileDialogPort {
  readonly asked: AskedFileDialog[] = [];
  private readonly answers: Record<AskedFileDialog['kind'], Array<string | null>> = { import: [], export: [], folder: [] };

  answerImport(...paths: Array<string | null>): void {
    this.answers.import.push(...paths);
  }

  answerExport(...paths: Array<string | null>): void {
    this.answers.export.push(...paths);
  }

  answerFolder(...paths: Array<string | null>): void {
    this.answers.folder.push(...paths);
  }

  async chooseFolder(options: { title: string }): Promise<string | null> {
    this.asked.push({ kind: 'folder', title: options.title });
    return this.next('folder');
  }

  async chooseImportFile(options: { title: string; filters: FileFilter[] }): Promise<string | null> {
    this.asked.push({ kind: 'import', title: options.title, filters: options.filters });
    return this.next('import');
  }

  async chooseExportPath(options: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | null> {
    this.asked.push({ kind: 'export', title: options.title, defaultName: options.defaultName, filters: options.filters });
    return this.next('export');
  }

  private next(kind: AskedFileDialog['kind']): string | null {
    const queue = this.answers[kind];
    if (queue.length === 0) {
      const [dialog, call] = kind === 'import' ? ['open', 'Import'] : kind === 'export' ? ['save', 'Export'] : ['folder', 'Folder'];
      throw new Error(`The app opened the ${dialog} dialog, but the test scripted no answer: call answer${call}(path or null) first.`);
    }
    return queue.shift() ?? null;
  }
}

/**
 * The native confirmation dialog main shows (plain export, insecure keychain), scripted: the test
 * queues what the "user" clicks (`answer(true)` = the risky button, false = Cancel) and reads what
 * was shown (`shown`). An unscripted dialog fails loudly rather than pretending to answer.
 */
export class ScriptedConfirmDialog implements ConfirmDialogPort {
  readonly shown: ConfirmRequest[] = [];
  private readonly answers: boolean[] = [];

  answer(...answers: boolean[]): void {
    this.answers.push(...answers);
  }

  async confirm(request: ConfirmRequest): Promise<boolean> {
    this.shown.push(request);
    const next = this.answers.shift();
    if (next === undefined) throw new Error(`The app showed a confirmation the test did not script: "${request.title}"`);
    return next;
  }
}
