import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, resolveAppPath } from '../../electron/main/security/app-protocol';
import { APP_SCHEME_PRIVILEGES, isAppOrigin, isAppUrl } from '../../electron/main/security/app-origin';
import { DOCUMENT_CSP_HEADER, WORKER_CSP_HEADER } from '../../electron/main/security/content-security-policy';

let dir: string;
let root: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'twofold-app-protocol-'));
  root = join(dir, 'renderer');
  mkdirSync(join(root, 'codes'), { recursive: true });
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'codes', 'index.html'), '<!doctype html><title>Twofold</title>');
  writeFileSync(join(root, 'assets', 'decoder.worker-1.js'), 'self.onmessage = () => {};');
  writeFileSync(join(root, 'assets', 'zxing_reader.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  writeFileSync(join(dir, 'secret.txt'), 'vault key material lives outside the renderer root');
  symlinkSync(join(dir, 'secret.txt'), join(root, 'assets', 'escape.txt'));
  handler = createAppProtocolHandler(root);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('app:// origin', () => {
  it('recognises our pages and nothing that merely looks like them', () => {
    expect(isAppUrl('app://twofold/codes/index.html')).toBe(true);
    expect(isAppUrl('app://twofold.evil/codes/index.html')).toBe(false);
    expect(isAppUrl('app://user@twofold/codes/index.html')).toBe(false);
    expect(isAppUrl('https://twofold/codes/index.html')).toBe(false);
    expect(isAppUrl('file:///app/out/renderer/codes/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppOrigin('app://twofold')).toBe(true);
    expect(isAppOrigin('null')).toBe(false);
  });

  it('registers app:// as standard and secure (getUserMedia needs a secure context) without bypassing CSP', () => {
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
  });
});

describe('app:// protocol handler', () => {
  it('serves a page with our CSP and nosniff', async () => {
    const res = await get('app://twofold/codes/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(DOCUMENT_CSP_HEADER);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>Twofold</title>');
  });

  it('serves worker scripts with the worker policy and wasm as application/wasm', async () => {
    const worker = await get('app://twofold/assets/decoder.worker-1.js');
    expect(worker.headers.get('content-security-policy')).toBe(WORKER_CSP_HEADER);
    const wasm = await get('app://twofold/assets/zxing_reader.wasm');
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(new Uint8Array(await wasm.arrayBuffer()).slice(0, 4)).toEqual(new Uint8Array([0, 0x61, 0x73, 0x6d]));
  });

  it.each([
    // The URL parser already folds "%2e%2e" segments at the root: the request stays inside it.
    ['app://twofold/%2e%2e/secret.txt', 404],
    ['app://twofold/codes/%2e%2e%2f%2e%2e%2fsecret.txt', 403],
    ['app://twofold/codes/..%5c..%5csecret.txt', 400],
    ['app://twofold/codes/index.html%00.png', 400],
    ['app://twofold/%E0%A4%A', 400],
    ['app://twofold/assets/escape.txt', 403],
    ['app://twofold/missing.html', 404],
    ['app://twofold/', 404],
    ['app://twofold/codes', 404],
    ['app://elsewhere/codes/index.html', 404],
  ])('refuses %s with %i and never returns the file outside the root', async (url, status) => {
    const res = await get(url);
    expect(res.status).toBe(status);
    expect(await res.text()).not.toContain('vault key material');
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('app://twofold/codes/index.html', 'POST')).status).toBe(405);
    const head = await get('app://twofold/codes/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('resolves paths without touching the disk', () => {
    expect(resolveAppPath('/r', 'app://twofold/codes/index.html')).toEqual({ ok: true, path: '/r/codes/index.html' });
    expect(resolveAppPath('/r', 'app://twofold/a/./b')).toEqual({ ok: true, path: '/r/a/b' });
    expect(resolveAppPath('/r', 'app://twofold/a/%2E%2E%2F%2E%2E%2Fetc/passwd')).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppPath('/r', 'https://twofold/a')).toMatchObject({ ok: false, status: 404 });
  });
});
