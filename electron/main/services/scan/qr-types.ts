/**
 * Pixels as every capture source hands them to the decoder: 8-bit RGBA (or BGRA — Electron's
 * NativeImage.toBitmap() is BGRA; for black-and-white QR codes the channel order does not
 * matter), row-major, no padding. Key material: a captured image may show a secret QR code;
 * it is never written to disk or logged.
 */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array | Uint8ClampedArray;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** One QR code found in an image. `text` is the payload: it may hold an OTP secret. */
export interface DecodedQr {
  readonly text: string;
  /** Corners in image pixels: top-left, top-right, bottom-right, bottom-left of the symbol. */
  readonly corners: readonly [Point, Point, Point, Point];
}

/** Port: decodes every QR code in an image. Implementations keep the UI thread free. */
export interface QrDecoder {
  decode(image: RgbaImage): Promise<DecodedQr[]>;
  /**
   * Like decode(), but may take ownership of the pixel buffer (a screen capture nobody needs
   * afterwards), saving a copy of up to 66 MB for a dual 4K capture.
   */
  decodeTransfer(image: RgbaImage): Promise<DecodedQr[]>;
  /** Decodes an encoded image file the decoder reads itself (BMP, through zxing-wasm's stb_image). */
  decodeEncoded(bytes: Uint8Array): Promise<DecodedQr[]>;
  /** Releases the worker (if any). The decoder cannot be used afterwards. */
  close(): Promise<void>;
}
