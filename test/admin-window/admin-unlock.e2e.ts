import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminWorld, VAULT_PASSWORD } from './admin-app';

/** The admin window with the vault locked: it keeps the servers' API keys, so it asks first. */
describe('admin window, vault locked', () => {
  let world: AdminWorld;
  beforeAll(async () => {
    world = await AdminWorld.start();
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  it('asks for the vault password, says when it is missing or wrong, and opens on the servers', async () => {
    world.backend.services.vault.lock();
    const win = await world.openWindow();
    await win.heading('MFA Administration').waitFor();
    await win.page.getByText('Unlock Twofold: the keys of your MFA servers are kept in your vault.').waitFor();
    await win.screenshot('00-unlock-vault');
    await win.page.getByRole('button', { name: 'Unlock' }).click();
    await win.page.getByText('Enter your password.').waitFor();
    await win.page.getByLabel('Password', { exact: true }).fill('not the vault password');
    await win.page.getByRole('button', { name: 'Unlock' }).click();
    await win.page.getByRole('alert').filter({ hasText: /wrong password/i }).waitFor();
    expect(await win.page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    await win.screenshot('00-unlock-vault-wrong-password');
    await win.page.getByLabel('Password', { exact: true }).fill(VAULT_PASSWORD);
    await win.page.getByRole('button', { name: 'Unlock' }).click();
    await win.heading('MFA servers').waitFor();
    expect(world.backend.services.vault.status().state).toBe('unlocked');
    expect(world.pageErrors).toEqual([]);
  });
});
