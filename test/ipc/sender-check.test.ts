import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../electron/main/ipc/sender-check';

const allowed = ['app://twofold', 'http://127.0.0.1:5173', 'file:///opt/Twofold/resources/app.asar/out/renderer/'];

describe('isTrustedSender', () => {
  it.each([
    ['app://twofold/codes/index.html', true],
    ['app://twofold/admin/index.html#users', true],
    ['http://127.0.0.1:5173/codes/index.html', true],
    ['file:///opt/Twofold/resources/app.asar/out/renderer/codes/index.html', true],
  ])('trusts the main frame of our page %s', (url, expected) => {
    expect(isTrustedSender({ url, isMainFrame: true }, allowed)).toBe(expected);
  });

  it.each([
    ['app://evil/codes/index.html', 'another host on our scheme'],
    ['app://twofold.evil/codes/index.html', 'a look-alike host'],
    ['app://user:pw@twofold/codes/index.html', 'credentials in the URL'],
    ['http://127.0.0.1:5174/codes/index.html', 'another port'],
    ['https://127.0.0.1:5173/', 'another scheme'],
    ['https://example.com/', 'the web'],
    ['file:///opt/Twofold/resources/app.asar/out/renderer-evil/x.html', 'a sibling folder with the same prefix'],
    ['file:///opt/Twofold/resources/app.asar/out/renderer/../../../../etc/passwd', 'a path that climbs out (normalized by URL)'],
    ['file:///tmp/downloaded.html', 'any other file'],
    ['data:text/html,<script>1</script>', 'a data: URL'],
    ['about:blank', 'about:blank'],
    ['blob:app://twofold/1c7e0f62', 'a blob: URL'],
    ['javascript:alert(1)', 'a javascript: URL'],
    ['not a url', 'garbage'],
  ])('refuses %s (%s)', (url) => {
    expect(isTrustedSender({ url, isMainFrame: true }, allowed)).toBe(false);
  });

  it('refuses an iframe even on our own origin', () => {
    expect(isTrustedSender({ url: 'app://twofold/codes/index.html', isMainFrame: false }, allowed)).toBe(false);
  });

  it('refuses a missing frame (navigated away or destroyed)', () => {
    expect(isTrustedSender(null, allowed)).toBe(false);
    expect(isTrustedSender(undefined, allowed)).toBe(false);
  });

  it('trusts nothing when nothing is allowed', () => {
    expect(isTrustedSender({ url: 'app://twofold/codes/index.html', isMainFrame: true }, [])).toBe(false);
  });
});
