import { describe, expect, it, vi } from 'vitest';
import {
  EXTERNAL_LINKS,
  ExternalLinkRefused,
  createSafeOpenExternal,
  externalUrlRefusal,
} from '../../electron/main/security/open-external';

describe('openExternal rule', () => {
  it('ships only https links', () => {
    for (const url of Object.values(EXTERNAL_LINKS)) expect(new URL(url).protocol).toBe('https:');
  });

  it('opens a link the app chose, by key or by its exact URL', async () => {
    const shell = { openExternal: vi.fn(async () => {}) };
    const safe = createSafeOpenExternal(shell);
    await safe.openLink('rfc:6238');
    await safe.openUrl('https://www.rfc-editor.org/rfc/rfc6238');
    expect(shell.openExternal).toHaveBeenCalledTimes(2);
    expect(shell.openExternal).toHaveBeenCalledWith('https://www.rfc-editor.org/rfc/rfc6238');
  });

  it.each([
    ['https://evil.example/', 'not one of the links'],
    ['https://www.rfc-editor.org/rfc/rfc6238?x=1', 'not one of the links'],
    ['https://user:pw@www.rfc-editor.org/rfc/rfc6238', 'credentials'],
    ['http://www.rfc-editor.org/rfc/rfc6238', 'scheme is http:'],
    ['file:///C:/Windows/System32/calc.exe', 'scheme is file:'],
    ['smb://attacker/share', 'scheme is smb:'],
    ['otpauth://totp/a?secret=JBSWY3DPEHPK3PXP', 'scheme is otpauth:'],
    ['not a url', 'not a valid URL'],
  ])('refuses %s (%s) and never calls the OS', async (url, reason) => {
    const shell = { openExternal: vi.fn(async () => {}) };
    const safe = createSafeOpenExternal(shell);
    await expect(safe.openUrl(url)).rejects.toThrow(ExternalLinkRefused);
    await expect(safe.openUrl(url)).rejects.toThrow(reason);
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(safe.isAllowed(url)).toBe(false);
  });

  it('compares after normalisation (case of host, default port)', () => {
    expect(externalUrlRefusal('https://WWW.RFC-EDITOR.ORG:443/rfc/rfc6238', Object.values(EXTERNAL_LINKS))).toBeNull();
  });

  it('refuses an unknown key with a clear error', async () => {
    const safe = createSafeOpenExternal({ openExternal: async () => {} });
    await expect(safe.openLink('nope' as 'rfc:6238')).rejects.toThrow(/no such link/);
  });
});
