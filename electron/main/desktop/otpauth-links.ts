import { resolve } from 'node:path';

/**
 * otpauth:// links opened from outside the app (a browser, a password manager, a QR app): Twofold
 * is the OS handler for the scheme. A link arrives in one of three ways: in argv when it launches
 * Twofold (Windows, Linux), in the second instance's argv when Twofold already runs, or through
 * `open-url` (macOS). Each is checked here only for shape; the account itself is parsed by
 * shared/otp and shown to the user for confirmation before anything is added.
 *
 * Key material: an otpauth URI carries the account's secret. Never log it, never put it in an
 * error message.
 *
 * @see https://github.com/google/google-authenticator/wiki/Key-Uri-Format
 * @see https://www.electronjs.org/docs/latest/api/app#appsetasdefaultprotocolclientprotocol-path-args
 */
export const OTPAUTH_SCHEME = 'otpauth';
/** Longer than any real otpauth URI (secret, issuer, label, image URL) and short enough to refuse junk. */
export const MAX_OTPAUTH_URI_LENGTH = 4096;

/** True when `value` looks like an otpauth URI the app should look at. */
export function isOtpauthUri(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= MAX_OTPAUTH_URI_LENGTH &&
    /^otpauth:\/\/[a-z0-9-]+\//i.test(value) &&
    // Control characters (and so line breaks) never belong in a URI (RFC 3986 §2).
    ![...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)
  );
}

/** The first otpauth URI among command-line arguments (Chromium's own switches are skipped). */
export function findOtpauthUri(argv: readonly string[]): string | null {
  for (const arg of argv) if (isOtpauthUri(arg)) return arg;
  return null;
}

/**
 * Holds links that arrive before the codes window can take them (at launch, or while the vault
 * is locked) and hands them over in order once a consumer is attached.
 */
export class OtpauthInbox {
  private pending: string[] = [];
  private consumer: ((uri: string) => void) | null = null;

  push(uri: string): boolean {
    if (!isOtpauthUri(uri)) return false;
    if (this.consumer) this.consumer(uri);
    else if (this.pending.length < 20) this.pending.push(uri);
    return true;
  }

  /** Delivers queued links, then every new one, to `consumer`; returns the detach function. */
  attach(consumer: (uri: string) => void): () => void {
    this.consumer = consumer;
    const queued = this.pending;
    this.pending = [];
    for (const uri of queued) consumer(uri);
    return () => {
      if (this.consumer === consumer) this.consumer = null;
    };
  }

  get size(): number {
    return this.pending.length;
  }
}

/**
 * Links go to `deliver` only while the vault is unlocked: locked, nothing can be added, so they
 * wait in `inbox` and are delivered in order right after the unlock. Call the returned function
 * once now and on every vault change.
 */
export function deliverLinksWhileUnlocked(inbox: OtpauthInbox, isLocked: () => boolean, deliver: (uri: string) => void): () => void {
  let detach: (() => void) | null = null;
  return () => {
    if (!isLocked() && detach === null) {
      detach = inbox.attach(deliver);
    } else if (isLocked() && detach !== null) {
      detach();
      detach = null;
    }
  };
}

export interface ProtocolClientApp {
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
  on(event: 'open-url', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
}

/**
 * Makes Twofold the otpauth:// handler and routes macOS `open-url` events into `inbox`. Call
 * before `app` is ready: macOS delivers the launching link as an `open-url` right after
 * `will-finish-launching`. When run from source (`electron .`, `process.defaultApp`), the OS must
 * be told to start Electron with our app folder (absolute: the OS starts it from anywhere), or it
 * would start a bare Electron.
 */
export function registerOtpauthProtocol(
  app: ProtocolClientApp,
  inbox: OtpauthInbox,
  process: { defaultApp?: boolean; execPath: string; argv: readonly string[] },
): { registered: boolean } {
  const entry = process.argv[1];
  const registered =
    process.defaultApp && entry !== undefined
      ? app.setAsDefaultProtocolClient(OTPAUTH_SCHEME, process.execPath, [resolve(entry)])
      : app.setAsDefaultProtocolClient(OTPAUTH_SCHEME);
  app.on('open-url', (event, url) => {
    if (!isOtpauthUri(url)) return;
    event.preventDefault();
    inbox.push(url);
  });
  const atLaunch = findOtpauthUri(process.argv);
  if (atLaunch) inbox.push(atLaunch);
  return { registered };
}
