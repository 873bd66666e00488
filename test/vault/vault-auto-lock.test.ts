import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/main/services/clock';
import { VaultService } from '../../electron/main/services/vault';
import { PASSWORD, tempDir, totpDraft } from './vault-test-kit';

const MINUTE = 60_000;
let cleanup: () => Promise<void>;
let path: string;
let clock: ManualClock;

beforeEach(async () => {
  let dir: string;
  ({ dir, cleanup } = await tempDir());
  path = join(dir, 'vault.json');
  clock = new ManualClock();
});
afterEach(() => cleanup());

describe('auto-lock', () => {
  it('locks after the idle minutes, and activity postpones it', async () => {
    const vault = await VaultService.open({ path, clock, autoLockMinutes: 5 });
    await vault.create(PASSWORD);
    let changes = 0;
    vault.onChange(() => changes++);
    clock.advance(4 * MINUTE);
    vault.touch();
    clock.advance(4 * MINUTE);
    expect(vault.status().state).toBe('unlocked');
    await vault.addAccounts([totpDraft(1)]); // a mutation is activity too
    clock.advance(4.9 * MINUTE);
    expect(vault.status().state).toBe('unlocked');
    clock.advance(0.2 * MINUTE);
    expect(vault.status().state).toBe('locked');
    expect(changes).toBe(2); // the add, then the lock
    expect(clock.pendingTimers()).toBe(0);
  });

  it('0 minutes disables it; changing the minutes applies at once', async () => {
    const vault = await VaultService.open({ path, clock, autoLockMinutes: 0 });
    await vault.create(PASSWORD);
    clock.advance(24 * 60 * MINUTE);
    expect(vault.status().state).toBe('unlocked');
    vault.setAutoLockMinutes(1);
    expect(vault.status().autoLockMinutes).toBe(1);
    clock.advance(MINUTE);
    expect(vault.status().state).toBe('locked');
    expect(() => vault.setAutoLockMinutes(-1)).toThrow(/between 0/);
  });

  it('restarts the idle timer on every unlock', async () => {
    const vault = await VaultService.open({ path, clock, autoLockMinutes: 2 });
    await vault.create(PASSWORD);
    vault.lock();
    clock.advance(10 * MINUTE);
    await vault.unlock(PASSWORD);
    clock.advance(1.5 * MINUTE);
    expect(vault.status().state).toBe('unlocked');
    clock.advance(MINUTE);
    expect(vault.status().state).toBe('locked');
  });
});
