import { AxeBuilder } from '@axe-core/playwright';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UpdatePorts } from '../../electron/main/app-services';
import { FeedUpdateEngine } from '../../electron/main/services/updates';
import type { CodesApp } from '../harness/codes-app';
import { useCodesApp } from './setup';

/**
 * Settings → Updates in the production renderer, over the real UpdateService and a feed on
 * 127.0.0.1 (the same engine the Node tests use). What the user sees: the switch, the last
 * check's message, and that switching off stops every request; axe over the whole dialog.
 */
const { openUnlocked } = useCodesApp();
let server: Server;
let feedBody = 'version: 1.0.0-evil\nfiles:\n  - url: x.AppImage\n    sha512: ' + 'A'.repeat(86) + '==\n';
let feedStatus = 200;
const requests: string[] = [];
let cache: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(feedStatus, { 'content-type': 'text/yaml' }).end(feedBody);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cache = mkdtempSync(join(tmpdir(), 'twofold-update-e2e-'));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(cache, { recursive: true, force: true });
});

function updates(unsupported: UpdatePorts['unsupported'] = null): UpdatePorts {
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    engine: new FeedUpdateEngine({ baseUrl, channelFile: 'latest-linux.yml', cacheDir: cache, timeoutMs: 5000 }),
    currentVersion: '0.1.0',
    unsupported,
  };
}

async function openUpdates(app: CodesApp) {
  await app.page.getByRole('button', { name: 'Settings' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Settings' });
  const section = dialog.getByRole('region', { name: 'Updates' });
  await section.waitFor();
  return section;
}

describe('codes window: Settings → Updates', () => {
  it('shows why a feed was refused, and switching off stops every request', async () => {
    const app = await openUnlocked({ updates: updates() });
    const section = await openUpdates(app);
    const status = section.getByRole('status');
    await expect.poll(() => status.innerText()).toMatch(/not checked for updates yet/);

    await section.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => status.innerText()).toMatch(/named version "1\.0\.0-evil", which is not a Twofold release version\. Nothing was downloaded/);
    expect(requests).toEqual(['/latest-linux.yml']);
    await expect.poll(() => section.innerText()).toMatch(/Version 0\.1\.0 · last checked/);
    await section.scrollIntoViewIfNeeded();
    await app.screenshot('updates-refused-light');
    const axe = await new AxeBuilder({ page: app.page }).include('[role="dialog"]').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

    await section.getByRole('checkbox', { name: 'Check for updates automatically' }).uncheck();
    await expect.poll(() => app.backend.services.settings.get().autoUpdate).toBe(false);
    await expect.poll(() => status.innerText()).toMatch(/Automatic updates are off\. Twofold does not contact the update server\./);
    expect(await section.getByRole('button', { name: 'Check now' }).count()).toBe(0);
    await app.backend.services.updates.check();
    await app.advanceTime(2 * 24 * 60 * 60 * 1000);
    expect(requests).toEqual(['/latest-linux.yml']);
    expect(app.pageErrors).toEqual([]);
  });

  it('says so when the feed answers 404, in dark mode too', async () => {
    feedStatus = 404;
    feedBody = 'Not Found';
    const app = await openUnlocked({ updates: updates(), colorScheme: 'dark' });
    const section = await openUpdates(app);
    await section.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => section.getByRole('status').innerText()).toMatch(/answered HTTP 404/);
    await section.scrollIntoViewIfNeeded();
    await app.screenshot('updates-404-dark');
    const axe = await new AxeBuilder({ page: app.page }).include('[role="dialog"]').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });

  it('works from the keyboard: Space toggles the switch, Tab reaches Check now, Enter checks', async () => {
    feedStatus = 200;
    feedBody = 'version: 0.1.0\nfiles:\n  - url: x.AppImage\n    sha512: ' + 'A'.repeat(86) + '==\n';
    const app = await openUnlocked({ updates: updates() });
    const section = await openUpdates(app);
    const before = requests.length;
    await section.getByRole('checkbox', { name: 'Check for updates automatically' }).focus();
    await app.page.keyboard.press('Space');
    await expect.poll(() => app.backend.services.settings.get().autoUpdate).toBe(false);
    await app.page.keyboard.press('Space');
    await expect.poll(() => app.backend.services.settings.get().autoUpdate).toBe(true);
    // Check now is offered again once main reports updates on (it is hidden while they are off).
    await section.getByRole('button', { name: 'Check now' }).waitFor();
    await app.page.keyboard.press('Tab');
    expect(await app.focusedLabel()).toBe('Check now');
    expect(await app.focusOutlineStyle()).toBe('solid');
    await app.page.keyboard.press('Enter');
    await expect.poll(() => section.getByRole('status').innerText()).toMatch(/Twofold 0\.1\.0 is up to date/);
    expect(requests.length).toBe(before + 1);
  });

  it('in a portable build offers no switch and says how to update', async () => {
    const app = await openUnlocked({ updates: updates('portable') });
    const section = await openUpdates(app);
    await expect.poll(() => section.getByRole('status').innerText()).toMatch(/portable build, which does not update itself/);
    expect(await section.getByRole('checkbox').count()).toBe(0);
    expect(await section.getByRole('button', { name: 'Check now' }).count()).toBe(0);
    await section.scrollIntoViewIfNeeded();
    await app.screenshot('updates-portable-light');
  });
});
