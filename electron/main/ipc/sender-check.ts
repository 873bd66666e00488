/**
 * What the sender check needs to know about the frame an IPC message came from (Electron's
 * `event.senderFrame`, reduced to plain data so this runs and is tested without Electron).
 */
export interface SenderFrameInfo {
  /** The frame's current URL. */
  url: string;
  /** True for the top-level frame of the window; false for any iframe. */
  isMainFrame: boolean;
}

/**
 * True only for the main frame of a page we serve. VS Code and Electron's security checklist
 * (item 17, "Validate the sender of all IPC messages") do the same: a frame that navigated
 * elsewhere, an iframe, or a page from another origin must not reach the vault.
 *
 * `allowedOrigins` holds origins (`app://twofold`, `http://127.0.0.1:5173`) compared exactly,
 * and `file://` directory prefixes ending in `/` (`file:///opt/Twofold/resources/app.asar/out/renderer/`),
 * which trust files inside that directory only. WHATWG URL gives custom schemes an opaque origin
 * ("null"), so the origin is rebuilt from protocol and host; opaque origins (data:, about:blank,
 * blob:, sandboxed frames) are never trusted.
 *
 * @see https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages
 */
export function isTrustedSender(frame: SenderFrameInfo | null | undefined, allowedOrigins: readonly string[]): boolean {
  if (!frame || frame.isMainFrame !== true || typeof frame.url !== 'string') return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'file:') {
    return allowedOrigins.some((prefix) => prefix.startsWith('file:///') && prefix.endsWith('/') && url.href.startsWith(prefix));
  }
  if (['data:', 'blob:', 'about:', 'javascript:', 'filesystem:'].includes(url.protocol)) return false;
  const origin = url.origin !== 'null' ? url.origin : url.host !== '' ? `${url.protocol}//${url.host}` : null;
  return origin !== null && allowedOrigins.includes(origin);
}
