import { describe, expect, it, vi } from 'vitest';
import { appPages, hardenBeforeReady, hardenSession } from '../../electron/main/security/harden-app';

describe('hardenBeforeReady', () => {
  it('registers app:// as privileged and guards every WebContents created later', () => {
    const registered: unknown[] = [];
    let created: ((e: unknown, c: never) => void) | undefined;
    const { openExternal } = hardenBeforeReady({
      app: { on: (_e, l) => (created = l as typeof created) },
      protocol: { registerSchemesAsPrivileged: (s) => registered.push(...s) },
      shell: { openExternal: vi.fn(async () => {}) },
    });
    expect(registered).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(created).toBeTypeOf('function');
    expect(openExternal.isAllowed('https://evil.example/')).toBe(false);
  });
});

describe('hardenSession', () => {
  it('serves app://, injects the CSP and installs both permission handlers on the session', () => {
    const session = {
      protocol: { handle: vi.fn() },
      webRequest: { onHeadersReceived: vi.fn() },
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
    };
    hardenSession({ session, rendererRoot: '/app/out/renderer' });
    expect(session.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(session.webRequest.onHeadersReceived).toHaveBeenCalledOnce();
    expect(session.setPermissionRequestHandler).toHaveBeenCalledWith(expect.any(Function));
    expect(session.setPermissionCheckHandler).toHaveBeenCalledWith(expect.any(Function));
  });
});

describe('appPages', () => {
  it('loads our pages from app://twofold and trusts only that origin', () => {
    expect(appPages()).toEqual({
      urls: { codes: 'app://twofold/codes/index.html', admin: 'app://twofold/admin/index.html' },
      allowedOrigins: ['app://twofold'],
    });
  });

  it('uses the dev server when one is given', () => {
    expect(appPages('http://localhost:5173/')).toEqual({
      urls: { codes: 'http://localhost:5173/codes/index.html', admin: 'http://localhost:5173/admin/index.html' },
      allowedOrigins: ['http://localhost:5173'],
    });
  });
});
