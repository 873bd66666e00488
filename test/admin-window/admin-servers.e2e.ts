import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminWorld, type AdminWindow } from './admin-app';

/** Server profiles: adding checks the address, removing asks, revokes the key and offers Undo (issue #15.3). */
describe('admin window: servers', () => {
  let world: AdminWorld;
  let win: AdminWindow;

  beforeAll(async () => {
    world = await AdminWorld.start();
    await world.addUser('admin', 'server_admin');
    win = await world.openWindow();
  }, 60_000);

  afterAll(async () => {
    await world?.close();
  });

  it('refuses bad server addresses with a clear message and saves nothing', async () => {
    await win.heading('MFA servers').waitFor();
    await win.screenshot('01-servers-empty');
    const cases: Array<[string, RegExp]> = [
      ['http://mfa.example.com', /http:\/\/ is only allowed for this computer.*use https:\/\//],
      ['ftp://mfa.example.com', /must start with https:\/\//],
      ['http://', /is not a web address/],
      [world.notAServerUrl, /is not a Twofold MFA server/],
      [await AdminWorld.closedPortUrl(), /refused the connection/],
    ];
    for (const [url, message] of cases) {
      await win.addServer(url);
      await win.page.getByRole('alert').filter({ hasText: message }).waitFor();
    }
    await win.screenshot('02-servers-not-a-server');
    expect(world.backend.services.settings.get().adminServers).toEqual([]);
  });

  it('removing a server asks first, revokes its API key on the server, deletes it from the vault, and Undo brings it back', async () => {
    await win.addServer(world.serverUrl, 'Acme MFA');
    await win.heading('Sign in to Acme MFA').waitFor();
    await win.enterPassword('admin');
    await win.waitSignedIn();
    const id = await win.serverId();
    const token = world.backend.services.vault.getSecret(`admin-server:${id}`)!;
    expect((await world.api('GET', '/me', { token })).status).toBe(200);

    await win.page.getByRole('button', { name: 'Servers', exact: true }).click();
    await win.page.getByRole('button', { name: 'Remove Acme MFA' }).click();
    const dialog = win.page.getByRole('alertdialog', { name: 'Remove Acme MFA?' });
    await dialog.getByText(world.serverUrl).waitFor();
    await win.screenshot('17-remove-server-confirm');
    // Cancel keeps everything.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(world.backend.services.settings.get().adminServers).toHaveLength(1);

    await win.page.getByRole('button', { name: 'Remove Acme MFA' }).click();
    await dialog.getByRole('button', { name: 'Remove server' }).click();
    const notice = win.page.getByTestId('removed-notice');
    await notice.filter({ hasText: 'Removed Acme MFA. Its API key was revoked on the server and deleted from your vault.' }).waitFor();
    // Focus does not fall to the page: it is on Undo.
    await win.page.waitForFunction(() => document.activeElement?.textContent === 'Undo');
    await win.screenshot('18-removed-undo');
    expect((await world.api('GET', '/me', { token })).status).toBe(401);
    expect(world.backend.services.vault.getSecret(`admin-server:${id}`)).toBeUndefined();
    expect(world.backend.services.settings.get().adminServers).toEqual([]);

    await notice.getByRole('button', { name: 'Undo' }).click();
    await win.page.getByRole('list', { name: 'Servers' }).getByText('Acme MFA').waitFor();
    expect(world.backend.services.settings.get().adminServers.map((p) => p.id)).toEqual([id]);
    // The key stays revoked: choosing the server asks to sign in.
    await win.chooseServer('Acme MFA');
    await win.heading('Sign in to Acme MFA').waitFor();
  });

  it('Undo is refused after 10 seconds, saying so', async () => {
    await win.page.getByRole('button', { name: 'Other servers' }).click();
    await win.page.getByRole('button', { name: 'Remove Acme MFA' }).click();
    await win.page.getByRole('alertdialog', { name: 'Remove Acme MFA?' }).getByRole('button', { name: 'Remove server' }).click();
    const notice = win.page.getByTestId('removed-notice');
    await notice.waitFor();
    world.clock.advance(10_500);
    await notice.getByRole('button', { name: 'Undo' }).click();
    await win.alert().filter({ hasText: 'Undo is no longer possible (it lasts 10 seconds). Add the server again with its address.' }).waitFor();
    expect(world.backend.services.settings.get().adminServers).toEqual([]);
    expect(world.pageErrors).toEqual([]);
    expect(world.backend.internalErrors).toEqual([]);
  });
});
