import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../electron/main/app-services';
import { nodeImportCrypto } from '../../electron/main/services/import-export/node-import-crypto';
import { ManualClock } from '../../electron/main/services/clock';
import { ConfSettingsStore } from '../../electron/main/services/settings';
import { exportAegisEncrypted } from '../../shared/export';
import { readImportFile } from '../../shared/import';
import { RECOVERY_CODES_NOTE_HEADING } from '../../shared/otp/recovery-codes-note';
import { readAegisVault } from '../backup/aegis-reader';
import { FakeClipboard, ScriptedFileDialogs } from '../harness/fakes';
import { draft } from './import-support';

/**
 * Issue #13.6: Aegis has no field for recovery codes, so our Aegis export (files and automatic
 * backups) writes them into the entry's note under a fixed heading, and our Aegis import takes
 * them back out. Export → import keeps the note, the codes and which ones were used.
 */
const PASSWORD = 'correct horse battery';
const CODES = [
  { code: '7kq4-m2xp-9fhd', used: false },
  { code: '2bqr-88tn-w4ce', used: true },
  { code: 'h3vd-k9pa-tt5m', used: false },
];

describe('Aegis export → import keeps recovery codes', () => {
  it('shared export and import: note, codes and used marks survive; accounts without codes are unchanged', async () => {
    const accounts = [
      draft('GitHub', 'alice', 'JBSWY3DPEHPK3PXP', { note: 'PIN 1234 in the safe', recoveryCodes: CODES }),
      draft('GitLab', 'alice', 'JBSWY3DPEHPK3PXQ', { recoveryCodes: CODES.slice(0, 1) }),
      draft('Plain', 'bob', 'JBSWY3DPEHPK3PXR', { note: 'nothing else' }),
    ];
    const text = await exportAegisEncrypted(accounts, PASSWORD, nodeImportCrypto, { scrypt: { n: 1024, r: 8, p: 1 } });
    const back = await readImportFile({ file: 'export.json', bytes: new TextEncoder().encode(text), password: PASSWORD }, nodeImportCrypto);
    expect(back.accounts).toEqual(accounts);

    // What Aegis itself shows: the codes, readable in the note under the heading.
    const { content } = readAegisVault(text, PASSWORD);
    const notes = (content.entries as Array<{ note: string }>).map((e) => e.note);
    expect(notes[0]).toBe(`PIN 1234 in the safe\n\n${RECOVERY_CODES_NOTE_HEADING}\n7kq4-m2xp-9fhd\n2bqr-88tn-w4ce (used)\nh3vd-k9pa-tt5m`);
    expect(notes[1]).toBe('Recovery codes:\n7kq4-m2xp-9fhd');
    expect(notes[2]).toBe('nothing else');
  });

  describe('through the app: vault → password-gated export file → import into another vault', () => {
    const dirs: string[] = [];
    const opened: AppServices[] = [];
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.dispose();
      for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
    });

    async function app(dialogs: ScriptedFileDialogs) {
      const dir = await mkdtemp(join(tmpdir(), 'twofold-rc-aegis-'));
      dirs.push(dir);
      const services = await createAppServices({ dataDir: dir, settings: new ConfSettingsStore({ dir }), clipboard: new FakeClipboard(), clock: new ManualClock(Date.UTC(2026, 0, 1)), fileDialogs: dialogs });
      opened.push(services);
      await services.vault.create(PASSWORD);
      return { dir, services };
    }

    it('the codes and marks come back in the imported account; the file holds them only encrypted', async () => {
      const dialogs = new ScriptedFileDialogs();
      const source = await app(dialogs);
      const [account] = await source.services.vault.addAccounts([draft('GitHub', 'alice', 'JBSWY3DPEHPK3PXP', { note: 'keep me' })]);
      await source.services.recoveryCodes.add(account!.id, '1. 7kq4-m2xp-9fhd\n2. 2bqr-88tn-w4ce (used)\n3. h3vd-k9pa-tt5m', 'append');
      const file = join(source.dir, 'export.json');
      dialogs.answerExport(file);
      expect(await source.services.importExport.exportAegis(PASSWORD, 'export password')).toMatchObject({ path: file, accounts: 1 });
      const text = await readFile(file, 'utf8');
      expect(text).not.toContain('7kq4');

      const target = await app(new ScriptedFileDialogs());
      const preview = await target.services.importExport.previewFromPath(file, 'export password');
      if (preview.status !== 'ready') throw new Error(`expected a preview, got ${preview.status}`);
      expect(JSON.stringify(preview)).not.toContain('7kq4');
      await target.services.importExport.confirm(preview.token);
      const [imported] = target.services.vault.accounts();
      expect(imported).toMatchObject({ issuer: 'GitHub', note: 'keep me', recoveryCodes: CODES });
    });
  });
});
