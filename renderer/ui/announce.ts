/**
 * Screen-reader announcements for both windows: one polite and one assertive live region, kept
 * outside #root so a modal dialog (which makes #root inert) does not silence them.
 *
 * Without flooding: a message equal to the one just announced is dropped for REPEAT_MS, and
 * polite messages are spoken at most once per POLITE_GAP_MS (the latest one wins; a countdown
 * that calls this every second is heard once a second at most, and callers announce only its
 * end). Errors are assertive and go out at once.
 * @see https://www.w3.org/TR/WCAG21/#status-messages (SC 4.1.3 Status Messages)
 * @see https://www.w3.org/TR/wai-aria-1.2/#aria-live
 */

const REPEAT_MS = 2000;
const POLITE_GAP_MS = 1000;

interface Region {
  node: HTMLElement;
  last: string;
  lastAt: number;
  pending: string | null;
  timer: number | null;
}

const regions = new Map<'polite' | 'assertive', Region>();

function region(kind: 'polite' | 'assertive'): Region {
  let r = regions.get(kind);
  if (r?.node.isConnected) return r;
  const node = document.createElement('div');
  node.className = 'live-region';
  // aria-live alone, no role: the regions are not alerts or statuses of a view of their own
  // (and a page's own role="alert" stays the only one a user or test finds).
  node.setAttribute('aria-live', kind);
  node.setAttribute('aria-atomic', 'true');
  node.dataset.testid = `live-${kind}`;
  document.body.append(node);
  r = { node, last: '', lastAt: -Infinity, pending: null, timer: null };
  regions.set(kind, r);
  return r;
}

/** Creates both regions now: a live region must be in the page before its text changes. */
export function installAnnouncer(): void {
  region('polite');
  region('assertive');
}

function speak(r: Region, message: string): void {
  r.last = message;
  r.lastAt = Date.now();
  // Emptied first so the same words said again later are announced again.
  r.node.textContent = '';
  window.setTimeout(() => {
    r.node.textContent = message;
  }, 50);
}

export function announce(message: string, { assertive = false }: { assertive?: boolean } = {}): void {
  const text = message.trim();
  if (!text) return;
  const r = region(assertive ? 'assertive' : 'polite');
  const now = Date.now();
  if (text === r.last && now - r.lastAt < REPEAT_MS) return;
  if (assertive || now - r.lastAt >= POLITE_GAP_MS) {
    speak(r, text);
    return;
  }
  r.pending = text;
  r.timer ??= window.setTimeout(() => {
    r.timer = null;
    if (r.pending) speak(r, r.pending);
    r.pending = null;
  }, POLITE_GAP_MS - (now - r.lastAt));
}
