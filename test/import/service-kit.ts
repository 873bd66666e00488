import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ImportExportService } from '../../electron/main/services/import-export/import-export-service';
import { nodeFileAccess } from '../../electron/main/services/import-export/node-file-access';
import { nodeImportCrypto } from '../../electron/main/services/import-export/node-import-crypto';
import type { FileDialogPort } from '../../electron/main/services/import-export/file-ports';
import { PasswordGate } from '../../electron/main/services/security';
import { VaultService } from '../../electron/main/services/vault';
import { ScriptedConfirmDialog } from '../harness/fakes';

export const VAULT_PASSWORD = 'vault password 1';

/** A save/open dialog that answers from a queue and records what it was asked. */
export class ScriptedDialogs implements FileDialogPort {
  readonly asked: string[] = [];
  constructor(public answers: (string | null)[] = []) {}
  chooseImportFile(options: { title: string }): Promise<string | null> {
    this.asked.push(`open:${options.title}`);
    return Promise.resolve(this.answers.shift() ?? null);
  }
  chooseExportPath(options: { title: string; defaultName: string }): Promise<string | null> {
    this.asked.push(`save:${options.defaultName}`);
    return Promise.resolve(this.answers.shift() ?? null);
  }
}

/** A real vault in a temporary directory and the service over it. */
export async function makeKit() {
  const dir = await mkdtemp(path.join(tmpdir(), 'twofold-import-'));
  const vaultPath = path.join(dir, 'vault.json');
  const vault = await VaultService.open({ path: vaultPath, autoLockMinutes: 0 });
  await vault.create(VAULT_PASSWORD);
  const dialogs = new ScriptedDialogs();
  const confirm = new ScriptedConfirmDialog();
  const gate = new PasswordGate({ verify: (password) => vault.verifyPassword(password) });
  const service = new ImportExportService({ vault, crypto: nodeImportCrypto, dialogs, files: nodeFileAccess, gate, confirm, aegisExport: { scrypt: { n: 1024, r: 8, p: 1 } } });
  return {
    dir,
    vaultPath,
    vault,
    dialogs,
    confirm,
    gate,
    service,
    vaultBytes: () => readFile(vaultPath),
    files: () => readdir(dir),
    cleanup: async () => {
      vault.lock();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
