import { desktopCapturer, screen, systemPreferences, type BrowserWindow, type Display, type DesktopCapturerSource } from 'electron';
import type { CaptureResult, CapturedDisplay, ScreenCapture } from '../services/scan/scan-ports';

/**
 * The ScreenCapture port over Electron's desktopCapturer, in the main process.
 *
 * - Native pixels: a source's thumbnail is scaled to fit `thumbnailSize`, so every display is
 *   captured with thumbnailSize = bounds x scaleFactor (one getSources call per distinct native
 *   size) and matched to screen.getAllDisplays() by display_id. A 1.5x HiDPI display is read at
 *   its real resolution, where small codes still have whole pixels per module.
 * - Twofold's own windows stay out of the picture: hidden for the instant of the capture on
 *   Linux, content-protected on macOS and Windows (where the OS excludes them from capture).
 * - macOS: without screen-recording permission the thumbnails only show the wallpaper; we check
 *   first and say where to grant it.
 * - Wayland: getSources shows the portal's picker; dismissing it yields no source, which is
 *   "scan cancelled", not an error.
 *
 * Key material: the captured bitmaps may show secret QR codes; they go to the decoder worker
 * and nowhere else.
 */
export class ElectronScreenCapture implements ScreenCapture {
  constructor(
    private readonly ownWindows: () => BrowserWindow[],
    /** The content-protection setting: after a capture, windows go back to it (not to "off"). */
    private readonly protectionWanted: () => boolean = () => false,
  ) {}

  async captureAll(): Promise<CaptureResult> {
    if (process.platform === 'darwin' && systemPreferences.getMediaAccessStatus('screen') !== 'granted') {
      return {
        kind: 'permission-denied',
        message:
          'Twofold is not allowed to record the screen. Open System Settings > Privacy & Security > Screen & System Audio Recording, turn on Twofold, then quit and reopen Twofold and scan again.',
      };
    }
    const displays = screen.getAllDisplays();
    const restore = await this.keepOwnWindowsOut();
    let sources: Map<Display, DesktopCapturerSource | undefined>;
    try {
      sources = await this.sourcesFor(displays);
    } finally {
      restore();
    }
    const found = [...sources.values()].filter((s) => s !== undefined);
    if (found.length === 0) {
      // No source at all: on Wayland the user dismissed the portal picker.
      if (process.env.XDG_SESSION_TYPE === 'wayland') return { kind: 'cancelled' };
      return { kind: 'captured', displays: [] };
    }
    const captured: CapturedDisplay[] = [];
    displays.forEach((display, index) => {
      const source = sources.get(display);
      if (!source || source.thumbnail.isEmpty()) return;
      const { width, height } = source.thumbnail.getSize();
      // toBitmap() is BGRA; channel order does not matter for black-and-white QR codes.
      const data = source.thumbnail.toBitmap();
      captured.push({
        id: String(display.id),
        label: displays.length === 1 ? `Screen (${width}x${height})` : `Display ${index + 1} (${width}x${height})`,
        image: { width, height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) },
      });
    });
    return { kind: 'captured', displays: captured };
  }

  private async sourcesFor(displays: Display[]): Promise<Map<Display, DesktopCapturerSource | undefined>> {
    const nativeSize = (d: Display) => ({
      width: Math.round(d.bounds.width * d.scaleFactor),
      height: Math.round(d.bounds.height * d.scaleFactor),
    });
    const bySize = new Map<string, Display[]>();
    for (const display of displays) {
      const { width, height } = nativeSize(display);
      const key = `${width}x${height}`;
      bySize.set(key, [...(bySize.get(key) ?? []), display]);
    }
    const result = new Map<Display, DesktopCapturerSource | undefined>();
    for (const group of bySize.values()) {
      const size = nativeSize(group[0]!);
      const sources = await desktopCapturer.getSources({ types: ['screen'], thumbnailSize: size, fetchWindowIcons: false });
      group.forEach((display) => {
        const byId = sources.find((s) => s.display_id === String(display.id));
        // Some Linux setups (Wayland portal) leave display_id empty: fall back to the order.
        result.set(display, byId ?? (sources.every((s) => s.display_id === '') ? sources[displays.indexOf(display)] ?? sources[0] : undefined));
      });
    }
    return result;
  }

  /** Hides (Linux) or content-protects (macOS, Windows) our visible windows; returns the undo. */
  private async keepOwnWindowsOut(): Promise<() => void> {
    const windows = this.ownWindows().filter((w) => !w.isDestroyed() && w.isVisible());
    if (process.platform === 'linux') {
      for (const w of windows) w.hide();
      // Give the compositor a frame or two to repaint what was under the windows.
      if (windows.length > 0) await new Promise((resolve) => setTimeout(resolve, 250));
      return () => {
        for (const w of windows) if (!w.isDestroyed()) w.showInactive();
        windows.at(-1)?.focus();
      };
    }
    for (const w of windows) w.setContentProtection(true);
    return () => {
      const keep = this.protectionWanted();
      for (const w of windows) if (!w.isDestroyed()) w.setContentProtection(keep);
    };
  }
}
