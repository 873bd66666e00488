import type { WindowBounds } from '../../../shared/settings';

/**
 * Remembers the codes window's size and position across launches, and puts it back somewhere
 * visible: a monitor may have been unplugged, the resolution lowered or the taskbar moved since
 * the bounds were saved, and a window restored off-screen is a window the user cannot reach.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayLike {
  /** The display's area minus taskbars and docks, in DIP screen coordinates. */
  workArea: Rect;
}

/** How much of the window (its top strip, where the title bar is) must be on a display to count as reachable. */
const MIN_VISIBLE_WIDTH = 100;
const TITLE_BAR_HEIGHT = 40;

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function titleBarReachable(bounds: Rect, area: Rect): boolean {
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: TITLE_BAR_HEIGHT };
  const w = Math.min(titleBar.x + titleBar.width, area.x + area.width) - Math.max(titleBar.x, area.x);
  return w >= Math.min(MIN_VISIBLE_WIDTH, bounds.width) && overlap(titleBar, area) > 0;
}

/**
 * The bounds to open the window with: the saved ones when the title bar is on some display,
 * otherwise moved (and shrunk if needed) fully inside the display it overlapped most, or the
 * primary display (the first in `displays`). Null when nothing was saved or there is no display
 * (Electron then centres the window with its default size).
 */
export function restoreBounds(saved: WindowBounds | undefined, displays: readonly DisplayLike[], minimum = { width: 360, height: 480 }): WindowBounds | null {
  if (!saved || displays.length === 0) return null;
  const fits = displays.find((d) => titleBarReachable(saved, d.workArea));
  if (fits) {
    const area = fits.workArea;
    // Keep the position; shrink only a window larger than the display it is on.
    return { ...saved, width: Math.min(saved.width, area.width), height: Math.min(saved.height, area.height) };
  }
  const best = displays.reduce((a, b) => (overlap(saved, b.workArea) > overlap(saved, a.workArea) ? b : a), displays[0] as DisplayLike);
  const area = best.workArea;
  const width = Math.min(Math.max(saved.width, minimum.width), area.width);
  const height = Math.min(Math.max(saved.height, minimum.height), area.height);
  return {
    x: Math.round(area.x + (area.width - width) / 2),
    y: Math.round(area.y + (area.height - height) / 2),
    width,
    height,
    maximized: saved.maximized,
  };
}

/** The parts of BrowserWindow the tracker reads. */
export interface TrackableWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isMinimized(): boolean;
  isDestroyed(): boolean;
}

/**
 * Saves the window's normal (un-maximised) bounds and maximised state: after moves and resizes
 * settle (debounced, so a drag is one write), and at once when the window closes.
 */
export function trackWindowState(
  window: TrackableWindow,
  save: (bounds: WindowBounds) => void,
  timers: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void } = {
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  },
  delayMs = 500,
): void {
  let pending: unknown = null;
  const snapshot = (): void => {
    pending = null;
    if (window.isDestroyed() || window.isMinimized()) return;
    const b = window.getNormalBounds();
    save({ x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height), maximized: window.isMaximized() });
  };
  const later = (): void => {
    if (pending !== null) timers.clearTimeout(pending);
    pending = timers.setTimeout(snapshot, delayMs);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event, later);
  window.on('close', () => {
    if (pending !== null) timers.clearTimeout(pending);
    snapshot();
  });
}
