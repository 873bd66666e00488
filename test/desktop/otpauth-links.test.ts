import { describe, expect, it, vi } from 'vitest';
import { OtpauthInbox, findOtpauthUri, isOtpauthUri, registerOtpauthProtocol } from '../../electron/main/desktop/otpauth-links';
import { claimSingleInstance } from '../../electron/main/desktop/single-instance';

const URI = 'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';

describe('otpauth links', () => {
  it('finds the link among Chromium switches and the app path', () => {
    expect(findOtpauthUri(['/opt/Twofold/twofold', '--no-sandbox', URI])).toBe(URI);
    expect(findOtpauthUri(['/opt/Twofold/twofold', '--hidden'])).toBeNull();
  });

  it.each([
    ['https://example.com/?otpauth://totp/x', false],
    ['otpauth://totp/x?secret=A\nB', false],
    [`otpauth://totp/x?secret=${'A'.repeat(5000)}`, false],
    ['OTPAUTH://TOTP/x?secret=JBSWY3DPEHPK3PXP', true],
    ['otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=1', true],
  ])('isOtpauthUri(%s) is %s', (value, expected) => {
    expect(isOtpauthUri(value)).toBe(expected);
  });

  it('queues links until the window takes them, then delivers in order', () => {
    const inbox = new OtpauthInbox();
    inbox.push(URI);
    inbox.push(`${URI}&x=2`);
    expect(inbox.push('https://evil.example/')).toBe(false);
    const got: string[] = [];
    const detach = inbox.attach((u) => got.push(u));
    inbox.push(`${URI}&x=3`);
    expect(got).toEqual([URI, `${URI}&x=2`, `${URI}&x=3`]);
    detach();
    inbox.push(`${URI}&x=4`);
    expect(inbox.size).toBe(1);
  });

  it('registers as the otpauth handler and takes macOS open-url and launch links', () => {
    const listeners: Record<string, (event: { preventDefault(): void }, url: string) => void> = {};
    const app = {
      setAsDefaultProtocolClient: vi.fn(() => true),
      on: (event: 'open-url', l: (event: { preventDefault(): void }, url: string) => void) => (listeners[event] = l),
    };
    const inbox = new OtpauthInbox();
    const { registered } = registerOtpauthProtocol(app, inbox, { execPath: '/opt/Twofold/twofold', argv: ['/opt/Twofold/twofold', URI] });
    expect(registered).toBe(true);
    expect(app.setAsDefaultProtocolClient).toHaveBeenCalledWith('otpauth');
    const preventDefault = vi.fn();
    listeners['open-url']?.({ preventDefault }, `${URI}&mac=1`);
    listeners['open-url']?.({ preventDefault }, 'https://not-ours.example/');
    expect(preventDefault).toHaveBeenCalledTimes(1);
    const got: string[] = [];
    inbox.attach((u) => got.push(u));
    expect(got).toEqual([URI, `${URI}&mac=1`]);
  });

  it('registers with the absolute app path when run from source (electron .)', () => {
    const app = { setAsDefaultProtocolClient: vi.fn(() => true), on: () => undefined };
    registerOtpauthProtocol(app, new OtpauthInbox(), { defaultApp: true, execPath: '/x/electron', argv: ['/x/electron', '/src/twofold'] });
    expect(app.setAsDefaultProtocolClient).toHaveBeenCalledWith('otpauth', '/x/electron', ['/src/twofold']);
    registerOtpauthProtocol(app, new OtpauthInbox(), { defaultApp: true, execPath: '/x/electron', argv: ['/x/electron', '.'] });
    expect(app.setAsDefaultProtocolClient).toHaveBeenLastCalledWith('otpauth', '/x/electron', [process.cwd()]);
  });
});

describe('single-instance lock', () => {
  function fakeApp(gotLock: boolean) {
    let listener: ((event: unknown, argv: string[], cwd: string, data: unknown) => void) | undefined;
    const app = {
      requestSingleInstanceLock: vi.fn((_data?: Record<string, unknown>) => gotLock),
      on: (_e: 'second-instance', l: typeof listener) => (listener = l),
    };
    return { app, second: (argv: string[], data: unknown) => listener?.({}, argv, '/', data) };
  }

  it('tells the caller to quit when another Twofold holds the lock, passing its link along', () => {
    const { app } = fakeApp(false);
    const onSecondLaunch = vi.fn();
    expect(claimSingleInstance(app, { argv: ['twofold', URI], onSecondLaunch })).toBe(false);
    expect(app.requestSingleInstanceLock).toHaveBeenCalledWith({ otpauthUri: URI });
    expect(onSecondLaunch).not.toHaveBeenCalled();
  });

  it('brings the running instance forward on a second launch, with the link when there is one', () => {
    const { app, second } = fakeApp(true);
    const launches: unknown[] = [];
    expect(claimSingleInstance(app, { argv: ['twofold'], onSecondLaunch: (l) => launches.push(l) })).toBe(true);
    second(['twofold'], {});
    second(['twofold'], { otpauthUri: URI });
    second(['twofold', URI], undefined);
    second(['twofold'], { otpauthUri: 'javascript:alert(1)' });
    expect(launches).toEqual([{ otpauthUri: null }, { otpauthUri: URI }, { otpauthUri: URI }, { otpauthUri: null }]);
  });
});
