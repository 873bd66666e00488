import type { RgbaImage } from './qr-types';

/**
 * What the scan service needs from the OS, as small ports (DESIGN.md): the Electron adapters in
 * electron/main/adapters implement them in the app, the X11 adapter and fakes in tests and the
 * CLI. Key material: captured pixels and clipboard contents may show or hold secrets; adapters
 * never write them to disk or logs.
 */

export interface CapturedDisplay {
  /** Display id (Electron's display.id) or a name for the X11 screen. */
  readonly id: string;
  /** For people: "Display 1 (3840x2160)". */
  readonly label: string;
  /** Native pixels: bounds x scale factor. */
  readonly image: RgbaImage;
}

export type CaptureResult =
  | { readonly kind: 'captured'; readonly displays: CapturedDisplay[] }
  /** The Wayland portal picker (or another OS prompt) was dismissed: "scan cancelled". */
  | { readonly kind: 'cancelled' }
  /** macOS screen-recording permission missing; `message` says where to grant it. */
  | { readonly kind: 'permission-denied'; readonly message: string };

export interface ScreenCapture {
  /** Captures every display, with Twofold's own windows kept out of the picture. */
  captureAll(): Promise<CaptureResult>;
}

/** A clipboard image: encoded bytes (what Electron's async clipboard yields: PNG) or raw pixels. */
export type ClipboardImage = { readonly encoded: Uint8Array } | { readonly rgba: RgbaImage };

export interface ClipboardSource {
  /** The clipboard's image, or null when it holds none. */
  readImage(): Promise<ClipboardImage | null>;
  readText(): Promise<string>;
}

/** The open-file dialog: a path, or null when the user cancelled. */
export interface ImageFilePicker {
  pickImage(): Promise<string | null>;
}
