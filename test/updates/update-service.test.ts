import { createHash } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/main/services/clock';
import { ConfSettingsStore } from '../../electron/main/services/settings';
import { DAY_MS, FeedUpdateEngine, UpdateService, type UnsupportedReason } from '../../electron/main/services/updates';

/**
 * The update decisions against a static electron-builder feed (latest-linux.yml and the file it
 * names) served over real HTTP on 127.0.0.1. Every request the service causes is recorded, so
 * "no request at all" is asserted, not assumed.
 */
const INSTALLER = Buffer.alloc(256 * 1024, 7);
const NAME = 'Twofold-1.2.0-linux-x86_64.AppImage';
const sha512 = (b: Buffer) => createHash('sha512').update(b).digest('base64');

type Route = (res: ServerResponse) => void;
let server: Server;
let routes: Map<string, Route>;
let requests: string[];
let base: string;
let dir: string;
let cache: string;
let clock: ManualClock;
let settings: ConfSettingsStore;
let engine: FeedUpdateEngine;
let asked: string[];
let answer: boolean;
let service: UpdateService | null;

function feed(version: string, file: Partial<{ url: string; sha512: string; size: number }> = {}): string {
  const f = { url: NAME, sha512: sha512(INSTALLER), size: INSTALLER.length, ...file };
  return `version: ${version}\nfiles:\n  - url: ${f.url}\n    sha512: ${f.sha512}\n    size: ${f.size}\npath: ${f.url}\nsha512: ${f.sha512}\nreleaseDate: '2026-12-01T10:00:00.000Z'\n`;
}

function serveFeed(text: string, status = 200): void {
  routes.set('/latest-linux.yml', (res) => res.writeHead(status, { 'content-type': 'text/yaml' }).end(text));
}

function serveInstaller(body: Buffer = INSTALLER): void {
  routes.set(`/${NAME}`, (res) => res.writeHead(200, { 'content-length': body.length }).end(body));
}

function make(options: { version?: string; unsupported?: UnsupportedReason | null } = {}): UpdateService {
  service = new UpdateService({
    engine,
    settings,
    clock,
    currentVersion: options.version ?? '1.1.0',
    unsupported: options.unsupported ?? null,
    confirmInstall: async (v) => {
      asked.push(v);
      return answer;
    },
    firstCheckDelayMs: 1000,
  });
  return service;
}

beforeEach(async () => {
  routes = new Map();
  requests = [];
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const route = routes.get(req.url ?? '');
    if (route) route(res);
    else res.writeHead(404).end('Not Found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  dir = mkdtempSync(join(tmpdir(), 'twofold-updates-'));
  cache = join(dir, 'pending');
  clock = new ManualClock();
  settings = new ConfSettingsStore({ dir });
  engine = new FeedUpdateEngine({ baseUrl: base, channelFile: 'latest-linux.yml', cacheDir: cache, timeoutMs: 5000 });
  asked = [];
  answer = true;
  service = null;
});

afterEach(async () => {
  service?.dispose();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const cached = () => {
  try {
    return readdirSync(cache);
  } catch {
    return [];
  }
};

describe('UpdateService against a feed on 127.0.0.1', () => {
  it('offers a newer version: downloads it, checks its SHA-512, asks, then installs', async () => {
    serveFeed(feed('1.2.0'));
    serveInstaller();
    const s = make();
    await s.check();
    expect(requests).toEqual(['/latest-linux.yml', `/${NAME}`]);
    expect(asked).toEqual(['1.2.0']);
    expect(engine.installed).toBe(join(cache, NAME));
    expect(engine.armed).toBe(join(cache, NAME));
    expect(s.getStatus()).toMatchObject({ state: 'ready', availableVersion: '1.2.0', offReason: null });
    expect(s.getStatus().message).toMatch(/1\.2\.0 is downloaded and verified/);
  });

  it('installs nothing when the user answers "later", and keeps the verified download for the restart', async () => {
    serveFeed(feed('1.2.0'));
    serveInstaller();
    answer = false;
    const s = make();
    await s.check();
    expect(asked).toEqual(['1.2.0']);
    expect(engine.installed).toBeNull();
    expect(engine.armed).toBe(join(cache, NAME));
    expect(cached()).toEqual([NAME]);
    await s.check();
    expect(requests).toHaveLength(2);
  });

  it.each([
    ['the same version', '1.1.0', /1\.1\.0 is up to date/],
    ['an older version (no downgrade)', '1.0.9', /never installs an older version/],
  ])('refuses %s: nothing downloaded, nothing asked', async (_label, version, message) => {
    serveFeed(feed(version));
    serveInstaller();
    const s = make();
    await s.check();
    expect(requests).toEqual(['/latest-linux.yml']);
    expect(asked).toEqual([]);
    expect(s.getStatus()).toMatchObject({ state: 'up-to-date', availableVersion: null });
    expect(s.getStatus().message).toMatch(message);
    expect(s.getStatus().lastCheckedAt).toBe(new Date(clock.now()).toISOString());
  });

  it('refuses a corrupted download (SHA-512 mismatch): deleted, not installed, the reason shown', async () => {
    serveFeed(feed('1.2.0'));
    const corrupted = Buffer.from(INSTALLER);
    corrupted[1000] = 0;
    serveInstaller(corrupted);
    const s = make();
    await s.check();
    expect(requests).toEqual(['/latest-linux.yml', `/${NAME}`]);
    expect(cached()).toEqual([]);
    expect(asked).toEqual([]);
    expect(engine.installed).toBeNull();
    expect(engine.armed).toBeNull();
    expect(s.getStatus()).toMatchObject({ state: 'failed', availableVersion: null });
    expect(s.getStatus().message).toMatch(/did not match the SHA-512 checksum .* deleted and not installed/);
  });

  it('refuses a download that stops half-way: the partial file is deleted, nothing installed', async () => {
    serveFeed(feed('1.2.0'));
    routes.set(`/${NAME}`, (res) => {
      res.writeHead(200, { 'content-length': INSTALLER.length });
      res.write(INSTALLER.subarray(0, INSTALLER.length / 2), () => res.socket?.destroy());
    });
    const s = make();
    await s.check();
    expect(cached()).toEqual([]);
    expect(asked).toEqual([]);
    expect(s.getStatus().state).toBe('failed');
    expect(s.getStatus().message).toMatch(/stopped before it was complete\. The partial file was deleted/);
  });

  it('refuses a download longer than the feed announced', async () => {
    serveFeed(feed('1.2.0', { size: 1000 }));
    serveInstaller();
    const s = make();
    await s.check();
    expect(cached()).toEqual([]);
    expect(asked).toEqual([]);
    expect(s.getStatus().state).toBe('failed');
  });

  it.each([
    ['garbage', 'ÿ\u0000{{{ not: [yaml', /not a valid update description/],
    ['a YAML string', 'hello', /not a valid update description \(it is not an update description\)/],
    ['a feed without a checksum', 'version: 1.2.0\nfiles:\n  - url: x.AppImage\n', /files\.0\.sha512/],
    ['a file url that leaves the release', feed('1.2.0', { url: '../../etc/passwd' }), /plain file name/],
  ])('answers a feed of %s with a message, no download and no crash', async (_label, text, message) => {
    serveFeed(text);
    const s = make();
    await s.check();
    expect(requests).toEqual(['/latest-linux.yml']);
    expect(s.getStatus().state).toBe('failed');
    expect(s.getStatus().message).toMatch(message);
  });

  it('answers a 404 with a message naming it, and no download', async () => {
    const s = make();
    await s.check();
    expect(requests).toEqual(['/latest-linux.yml']);
    expect(s.getStatus()).toMatchObject({ state: 'failed' });
    expect(s.getStatus().message).toMatch(/HTTP 404/);
  });

  it('answers an unreachable server with a message', async () => {
    engine = new FeedUpdateEngine({ baseUrl: 'http://127.0.0.1:1/', channelFile: 'latest-linux.yml', cacheDir: cache, timeoutMs: 2000 });
    const s = make();
    await s.check();
    expect(s.getStatus().message).toMatch(/could not reach the update server/);
  });

  it.each(['1.0.0-evil', '9.9.9-evil', '1.2.0+build', '01.2.0', '1.2', 'v1.2.0'])('refuses the version string %s: nothing downloaded', async (version) => {
    serveFeed(feed(version));
    serveInstaller();
    const s = make();
    await s.check();
    expect(requests).toEqual(['/latest-linux.yml']);
    expect(s.getStatus().state).toBe('failed');
    expect(s.getStatus().message).toContain('not a Twofold release version');
  });

  it.each(['portable', 'not-writable', 'not-installed'] as const)('never checks in a %s build: no request at all', async (reason) => {
    serveFeed(feed('1.2.0'));
    const s = make({ unsupported: reason });
    s.start();
    clock.advance(3 * DAY_MS);
    await s.check();
    s.requestCheck();
    await new Promise((r) => setTimeout(r, 50));
    expect(requests).toEqual([]);
    expect(s.getStatus()).toMatchObject({ state: 'off', offReason: reason });
  });

  it('with the switch off makes no request at all; turning it on checks', async () => {
    serveFeed(feed('1.1.0'));
    settings.set({ autoUpdate: false });
    const s = make();
    s.start();
    clock.advance(3 * DAY_MS);
    await s.check();
    s.requestCheck();
    await new Promise((r) => setTimeout(r, 50));
    expect(requests).toEqual([]);
    expect(s.getStatus()).toMatchObject({ state: 'off', offReason: 'setting' });
    expect(s.getStatus().message).toMatch(/does not contact the update server/);

    settings.set({ autoUpdate: true });
    clock.advance(0);
    await expect.poll(() => s.getStatus().state).toBe('up-to-date');
    expect(requests).toEqual(['/latest-linux.yml']);
  });

  it('turning the switch off cancels the daily check', async () => {
    serveFeed(feed('1.1.0'));
    const s = make();
    s.start();
    settings.set({ autoUpdate: false });
    clock.advance(2 * DAY_MS);
    await new Promise((r) => setTimeout(r, 50));
    expect(requests).toEqual([]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('checks shortly after start and then once a day', async () => {
    serveFeed(feed('1.1.0'));
    const s = make();
    s.start();
    expect(requests).toEqual([]);
    clock.advance(1000);
    await expect.poll(() => s.getStatus().state).toBe('up-to-date');
    expect(requests).toHaveLength(1);
    clock.advance(DAY_MS - 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(requests).toHaveLength(1);
    clock.advance(1);
    await expect.poll(() => requests.length).toBe(2);
  });

  it('lets "Check now" ask the server at most once a minute', async () => {
    serveFeed(feed('1.1.0'));
    const s = make();
    s.requestCheck();
    await expect.poll(() => s.getStatus().state).toBe('up-to-date');
    s.requestCheck();
    s.requestCheck();
    await new Promise((r) => setTimeout(r, 50));
    expect(requests).toHaveLength(1);
    clock.advance(60_000);
    s.requestCheck();
    await expect.poll(() => requests.length).toBe(2);
  });
});
