import { describe, expect, it } from 'vitest';
import { installPermissionHandlers, type PermissionSession } from '../../electron/main/security/permission-handlers';

type RequestHandler = Parameters<PermissionSession['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<PermissionSession['setPermissionCheckHandler']>[0];

/** Installs the real handlers on a recording session and returns them, as Electron would hold them. */
function installed() {
  let request: RequestHandler = null;
  let check: CheckHandler = null;
  installPermissionHandlers({
    setPermissionRequestHandler: (h) => (request = h),
    setPermissionCheckHandler: (h) => (check = h),
  });
  if (!request || !check) throw new Error('handlers not installed');
  const req: NonNullable<RequestHandler> = request;
  const chk: NonNullable<CheckHandler> = check;
  const contents = {} as Parameters<NonNullable<RequestHandler>>[0];
  return {
    request(permission: Parameters<NonNullable<RequestHandler>>[1], url: string, extra: { mediaTypes?: Array<'video' | 'audio'>; isMainFrame?: boolean } = {}) {
      let granted: boolean | undefined;
      req(contents, permission, (g) => (granted = g), { requestingUrl: url, isMainFrame: extra.isMainFrame ?? true, mediaTypes: extra.mediaTypes });
      return granted;
    },
    check(permission: Parameters<NonNullable<CheckHandler>>[1], origin: string, mediaType?: 'video' | 'audio', isMainFrame = true) {
      return chk(null, permission, origin, { isMainFrame, mediaType });
    },
  };
}

const PAGE = 'app://twofold/codes/index.html';

describe('permission request handler', () => {
  it('grants the camera to our page', () => {
    expect(installed().request('media', PAGE, { mediaTypes: ['video'] })).toBe(true);
  });

  it('grants screen capture (video) to our page', () => {
    expect(installed().request('display-capture', PAGE, { mediaTypes: ['video'] })).toBe(true);
  });

  it('refuses the microphone and system audio, even to our page', () => {
    const h = installed();
    expect(h.request('media', PAGE, { mediaTypes: ['audio'] })).toBe(false);
    expect(h.request('media', PAGE, { mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(h.request('display-capture', PAGE, { mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(h.request('media', PAGE, { mediaTypes: [] })).toBe(false);
  });

  it('refuses the camera to any other origin and to subframes', () => {
    const h = installed();
    expect(h.request('media', 'https://evil.example/', { mediaTypes: ['video'] })).toBe(false);
    expect(h.request('media', 'file:///tmp/x.html', { mediaTypes: ['video'] })).toBe(false);
    expect(h.request('media', 'app://twofold.evil/x', { mediaTypes: ['video'] })).toBe(false);
    expect(h.request('media', PAGE, { mediaTypes: ['video'], isMainFrame: false })).toBe(false);
  });

  it.each(['notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'usb', 'midiSysex'] as const)(
    'refuses %s to our own page',
    (permission) => {
      expect(installed().request(permission, PAGE)).toBe(false);
    },
  );
});

describe('permission check handler', () => {
  it('answers yes for the camera and display capture from our origin', () => {
    const h = installed();
    expect(h.check('media', 'app://twofold', 'video')).toBe(true);
    expect(h.check('display-capture', 'app://twofold')).toBe(true);
  });

  it('answers no for the microphone, other origins, subframes and other permissions', () => {
    const h = installed();
    expect(h.check('media', 'app://twofold', 'audio')).toBe(false);
    expect(h.check('media', 'https://evil.example', 'video')).toBe(false);
    expect(h.check('media', 'app://twofold', 'video', false)).toBe(false);
    expect(h.check('notifications', 'app://twofold')).toBe(false);
    expect(h.check('geolocation', 'app://twofold')).toBe(false);
  });
});
