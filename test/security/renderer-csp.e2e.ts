import { existsSync, readdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../electron/main/security/app-protocol';
import { DOCUMENT_CSP_HEADER } from '../../electron/main/security/content-security-policy';

/**
 * The production renderer build, served by the app:// handler the app uses (bridged to HTTP on
 * 127.0.0.1, since Electron cannot start here), in Debian's Chromium. It shows the CSP does what
 * it says on the real files: the page cannot run inline script or compile WebAssembly, and the
 * real camera decoding worker can (it decodes a frame with the shipped zxing wasm), but only
 * because its own response carries the worker policy.
 */
const RENDERER = resolve(import.meta.dirname, '..', '..', 'out', 'renderer');
const built = existsSync(join(RENDERER, 'codes', 'index.html'));
const workerFile = built ? readdirSync(join(RENDERER, 'assets')).find((f) => /worker.*\.js$/.test(f)) : undefined;
if (!built) console.warn('[renderer-csp.e2e] out/renderer is not built (npm run build): skipping');

/**
 * The browser globals these page functions use. This file is type-checked with the Node
 * project (no DOM library), so they are declared here, narrowly, instead.
 */
interface BrowserScope {
  document: {
    addEventListener(type: 'securitypolicyviolation', listener: (e: { effectiveDirective: string }) => void, options: { once: boolean }): void;
    createElement(tag: 'script'): { textContent: string };
    head: { append(node: unknown): void };
  };
  Worker: new (src: string, options: { type: 'module' }) => {
    onmessage: ((e: { data: unknown }) => void) | null;
    onerror: ((e: { message: string }) => void) | null;
    postMessage(message: unknown, transfer: unknown[]): void;
  };
  WebAssembly: { compile(bytes: Uint8Array): Promise<unknown> };
  __inlineRan?: boolean;
}

let server: http.Server;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  if (!built) return;
  const handler = createAppProtocolHandler(RENDERER);
  server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const response = await handler(new Request(`app://twofold${url.pathname}`, { method: req.method }));
    const headers = Object.fromEntries(response.headers);
    // Negative control: the same worker script, served with the document policy instead.
    if (url.searchParams.get('policy') === 'document') headers['content-security-policy'] = DOCUMENT_CSP_HEADER;
    res.writeHead(response.status, headers);
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

async function codesPage(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${origin}/codes/index.html`);
  return page;
}

/** Starts the worker at `src`, sends it one blank 64×64 frame, returns its reply. */
function decodeBlankFrame(page: Page, src: string): Promise<unknown> {
  return page.evaluate(
    (workerSrc) =>
      new Promise((done) => {
        const scope = globalThis as unknown as BrowserScope;
        const worker = new scope.Worker(workerSrc, { type: 'module' });
        worker.onmessage = (e) => done(e.data);
        worker.onerror = (e) => done({ workerError: e.message });
        const pixels = new Uint8ClampedArray(64 * 64 * 4).fill(255).buffer;
        worker.postMessage({ id: 1, width: 64, height: 64, pixels }, [pixels]);
        setTimeout(() => done({ timeout: true }), 30_000);
      }),
    src,
  );
}

describe.skipIf(!built)('renderer under the app CSP (Chromium)', () => {
  it('refuses inline script and WebAssembly in the page', async () => {
    const page = await codesPage();
    const inline = await page.evaluate(
      () =>
        new Promise<string>((done) => {
          const scope = globalThis as unknown as BrowserScope;
          scope.document.addEventListener('securitypolicyviolation', (e) => done(e.effectiveDirective), { once: true });
          const script = scope.document.createElement('script');
          script.textContent = 'window.__inlineRan = true';
          scope.document.head.append(script);
          setTimeout(() => done(scope.__inlineRan ? 'ran' : 'no report'), 2000);
        }),
    );
    expect(inline).toBe('script-src-elem');
    const wasm = await page.evaluate(() =>
      (globalThis as unknown as BrowserScope).WebAssembly.compile(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0])).then(
        () => 'compiled',
        () => 'blocked',
      ),
    );
    expect(wasm).toBe('blocked');
    await page.close();
  });

  it.runIf(workerFile !== undefined)('lets the camera worker compile the shipped zxing wasm and decode a frame', async () => {
    const page = await codesPage();
    expect(await decodeBlankFrame(page, `/assets/${workerFile}`)).toEqual({ id: 1, texts: [] });
    await page.close();
  });

  it.runIf(workerFile !== undefined)('the worker fails under the document policy (so the worker policy is what allows it)', async () => {
    const page = await codesPage();
    const reply = (await decodeBlankFrame(page, `/assets/${workerFile}?policy=document`)) as { error?: string; workerError?: string };
    expect(reply.error ?? reply.workerError ?? '').not.toBe('');
    await page.close();
  });
});
