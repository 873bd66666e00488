import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { AdminService } from '../../electron/main/services/admin-client';
import type { Clock } from '../../electron/main/services/clock';
import { ConfSettingsStore } from '../../electron/main/services/settings';
import { VaultService } from '../../electron/main/services/vault';
import { PASSWORD, startHarness, type Harness } from '../server/support';

export interface AdminServiceWorld {
  h: Harness;
  vault: VaultService;
  settings: ConfSettingsStore;
  admin: AdminService;
  /** The reference server's profile, signed in as the Server Admin "root" with the password. */
  serverId: string;
  close(): Promise<void>;
}

/**
 * The admin client's main side against the real reference server on 127.0.0.1 (its clock moved by
 * the test): a real vault and settings in a temporary folder, the server added and signed in to.
 */
export async function startAdminServiceWorld(): Promise<AdminServiceWorld> {
  const h = await startHarness();
  const url = await h.server.app.listen({ host: '127.0.0.1', port: 0 });
  const dir = await mkdtemp(join(tmpdir(), 'twofold-admin-service-'));
  const clock: Clock = { now: () => h.clock.now(), setTimer: () => ({ cancel: () => undefined }) };
  const vault = await VaultService.open({ path: join(dir, 'vault.json'), keyProtector: undefined, clock, autoLockMinutes: 0 });
  await vault.create('vault password 123');
  const settings = new ConfSettingsStore({ dir });
  const admin = new AdminService({ vault, settings, clock });
  await h.addUser('root', 'server_admin');
  const serverId = (await admin.addServer(url, 'Test')).id;
  expect((await admin.signIn(serverId, 'root', PASSWORD)).step).toBe('signed-in');
  return {
    h,
    vault,
    settings,
    admin,
    serverId,
    close: async () => {
      await vault.close();
      await h.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
