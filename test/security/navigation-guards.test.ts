import { describe, expect, it, vi } from 'vitest';
import {
  appNavigationAllowed,
  guardAllWebContents,
  installNavigationGuards,
  type GuardableContents,
  type NavigationPolicy,
} from '../../electron/main/security/navigation-guards';
import { createSafeOpenExternal } from '../../electron/main/security/open-external';

/** A recording stand-in for WebContents: keeps the listeners the guards install. */
function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }, ...rest: unknown[]) => void>();
  let openHandler: ((details: { url: string }) => unknown) | undefined;
  const contents = {
    on(event: string, listener: (event: { preventDefault(): void }, ...rest: unknown[]) => void) {
      listeners.set(event, listener);
      return contents;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
      openHandler = handler;
    },
  };
  const fire = (event: string, url: string) => {
    let prevented = false;
    listeners.get(event)?.({ preventDefault: () => (prevented = true) }, url);
    return { prevented };
  };
  return {
    contents: contents as unknown as GuardableContents,
    listeners,
    fire,
    open: (url: string) => openHandler?.({ url }),
  };
}

function policy(openExternal = vi.fn(async (_url: string) => {})) {
  const safe = createSafeOpenExternal({ openExternal }, { 'rfc:6238': 'https://www.rfc-editor.org/rfc/rfc6238' });
  const refused: Array<[string, string]> = [];
  const p: NavigationPolicy = {
    isAllowedNavigation: appNavigationAllowed(),
    openExternal: safe,
    onRefused: (what, url) => refused.push([what, url]),
  };
  return { p, refused, openExternal };
}

describe('navigation guards', () => {
  it('lets a page move between our own pages', () => {
    const f = fakeContents();
    installNavigationGuards(f.contents, policy().p);
    expect(f.fire('will-navigate', 'app://twofold/admin/index.html').prevented).toBe(false);
  });

  it.each([
    'https://evil.example/phish',
    'http://localhost:5173/codes/index.html',
    'file:///etc/passwd',
    'app://twofold.evil/codes/index.html',
    'javascript:alert(1)',
    'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP',
  ])('cancels navigation and redirects to %s', (url) => {
    const f = fakeContents();
    const { p, refused } = policy();
    installNavigationGuards(f.contents, p);
    expect(f.fire('will-navigate', url).prevented).toBe(true);
    expect(f.fire('will-redirect', url).prevented).toBe(true);
    expect(refused).toContainEqual(['navigation', url]);
  });

  it('allows the dev server only when one is configured', () => {
    expect(appNavigationAllowed('http://localhost:5173')('http://localhost:5173/codes/index.html')).toBe(true);
    expect(appNavigationAllowed('http://localhost:5173')('http://localhost:5174/')).toBe(false);
  });

  it('prevents every <webview> from attaching', () => {
    const f = fakeContents();
    installNavigationGuards(f.contents, policy().p);
    expect(f.fire('will-attach-webview', '').prevented).toBe(true);
  });
});

describe('window-open handler', () => {
  it('never opens a window, and opens allow-listed https links in the browser', async () => {
    const f = fakeContents();
    const { p, openExternal } = policy();
    installNavigationGuards(f.contents, p);
    expect(f.open('https://www.rfc-editor.org/rfc/rfc6238')).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(openExternal).toHaveBeenCalledWith('https://www.rfc-editor.org/rfc/rfc6238'));
  });

  it.each(['https://evil.example/', 'app://twofold/codes/index.html', 'http://www.rfc-editor.org/rfc/rfc6238', 'file:///bin/sh'])(
    'denies %s without handing it to the OS',
    (url) => {
      const f = fakeContents();
      const { p, openExternal, refused } = policy();
      installNavigationGuards(f.contents, p);
      expect(f.open(url)).toEqual({ action: 'deny' });
      expect(openExternal).not.toHaveBeenCalled();
      expect(refused).toContainEqual(['window-open', url]);
    },
  );
});

describe('guardAllWebContents', () => {
  it('installs the guards on every WebContents the app creates', () => {
    let created: ((event: unknown, contents: GuardableContents) => void) | undefined;
    const app = { on: (_e: 'web-contents-created', l: typeof created) => (created = l) };
    guardAllWebContents(app, policy().p);
    const f = fakeContents();
    created?.({}, f.contents);
    expect([...f.listeners.keys()].sort()).toEqual(['will-attach-webview', 'will-navigate', 'will-redirect']);
    expect(f.fire('will-navigate', 'https://evil.example/').prevented).toBe(true);
  });
});
