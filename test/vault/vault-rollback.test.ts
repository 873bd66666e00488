import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../../electron/main/app-services';
import { createIpcDispatcher } from '../../electron/main/ipc/dispatcher';
import { createIpcHandlers } from '../../electron/main/ipc/handlers';
import { ConfSettingsStore } from '../../electron/main/services/settings';
import { VaultService } from '../../electron/main/services/vault';
import type { RollbackPort, VaultSeen } from '../../electron/main/services/vault/vault-service';
import { ipcContract } from '../../shared/ipc/contract';
import { FakeClipboard, ScriptedConfirmDialog } from '../harness/fakes';
import { totpDraft } from './vault-test-kit';

/** Issue #12 item 6: an older copy of the vault put back is noticed before its content is used. */
const PASSWORD = 'correct horse battery';
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'twofold-rollback-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

class MemoryRollback implements RollbackPort {
  seen: VaultSeen | null = null;
  asked: { fileGeneration: number; seenGeneration: number }[] = [];
  answer = false;
  lastSeen = () => this.seen;
  record = (seen: VaultSeen) => void (this.seen = seen);
  confirmOlder = async (info: { fileGeneration: number; seenGeneration: number }) => {
    this.asked.push({ fileGeneration: info.fileGeneration, seenGeneration: info.seenGeneration });
    return this.answer;
  };
}

describe('rollback detection', () => {
  it('an older vault file triggers the warning before use; declining refuses it and changes nothing, accepting opens it', async () => {
    const path = join(dir, 'vault.json');
    const rollback = new MemoryRollback();
    const vault = await VaultService.open({ path, autoLockMinutes: 0, rollback });
    await vault.create(PASSWORD);
    await vault.addAccounts([totpDraft(1)]);
    await copyFile(path, join(dir, 'old-copy.json'));
    await vault.addAccounts([totpDraft(2)]);
    expect(rollback.seen?.generation).toBe(3);
    vault.lock();

    await copyFile(join(dir, 'old-copy.json'), path);
    const oldBytes = await readFile(path, 'utf8');
    await expect(vault.unlock(PASSWORD)).rejects.toMatchObject({ code: 'vault-rolled-back', message: expect.stringMatching(/older copy \(change 2; Twofold has already seen change 3/) });
    expect(rollback.asked).toEqual([{ fileGeneration: 2, seenGeneration: 3 }]);
    expect(vault.status().state).toBe('locked');
    expect(await readFile(path, 'utf8')).toBe(oldBytes);
    expect(rollback.seen?.generation).toBe(3);

    rollback.answer = true;
    await vault.unlock(PASSWORD);
    expect(vault.accounts()).toHaveLength(1);
    expect(rollback.seen?.generation).toBe(2);
    await vault.close();
  });

  it('the same or a newer file opens without a question; another vault is not a rollback', async () => {
    const rollback = new MemoryRollback();
    const vault = await VaultService.open({ path: join(dir, 'vault.json'), autoLockMinutes: 0, rollback });
    await vault.create(PASSWORD);
    vault.lock();
    await vault.unlock(PASSWORD);
    rollback.seen = { vaultId: '00000000-0000-4000-8000-000000000000', generation: 99 };
    vault.lock();
    await vault.unlock(PASSWORD);
    expect(rollback.asked).toEqual([]);
    await vault.close();
  });

  it('in the app: the last change seen is kept in settings, the warning is main\'s native dialog, and a renderer cannot reset it', async () => {
    const confirmDialog = new ScriptedConfirmDialog();
    const settings = new ConfSettingsStore({ dir });
    const services = await createAppServices({ dataDir: dir, settings, clipboard: new FakeClipboard(), confirmDialog });
    const dispatch = createIpcDispatcher(ipcContract, createIpcHandlers(services), { report: () => {} });
    try {
      await services.vault.create(PASSWORD);
      await services.vault.addAccounts([totpDraft(1)]);
      await copyFile(join(dir, 'vault.json'), join(dir, 'old-copy.json'));
      await services.vault.addAccounts([totpDraft(2)]);
      expect(settings.get().vaultSeen?.generation).toBe(3);
      expect(await dispatch('settings:set', [{ vaultSeen: null }])).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      // Nor the admin servers' links (which vault code a server gets) or the password reminder's clock.
      const rogue = { id: '6f1c2b1e-8c1d-4a8e-9a51-0d7f1a6b2c3d', name: 'Rogue', url: 'https://rogue.example', issuer: 'GitHub' };
      expect(await dispatch('settings:set', [{ adminServers: [rogue] }])).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      expect(await dispatch('settings:set', [{ lastPasswordEntryAt: '2030-01-01T00:00:00.000Z' }])).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      services.vault.lock();
      await copyFile(join(dir, 'old-copy.json'), join(dir, 'vault.json'));
      confirmDialog.answer(false);
      expect(await dispatch('vault:unlock', [PASSWORD])).toMatchObject({ ok: false, error: { code: 'vault-rolled-back' } });
      expect(confirmDialog.shown.map((r) => r.title)).toEqual(['Open an older copy of the vault?']);
    } finally {
      await services.dispose();
    }
  });
});
