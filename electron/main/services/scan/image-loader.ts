import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import sharp, { type Metadata } from 'sharp';
import { MAX_SCAN_MEGAPIXELS, MAX_SCAN_PIXELS } from '../../../../shared/scan/decoder-options';
import { ScanError } from '../../../../shared/scan/scan-errors';
import type { RgbaImage } from './qr-types';

/**
 * Image files (open dialog, drag-and-drop, CLI) to pixels. Formats: PNG, JPEG, WebP, GIF (first
 * frame) through sharp (libvips: libspng, libjpeg-turbo, libwebp, cgif — a prebuilt binary
 * shipped in its npm package), and BMP, which libvips does not read, through zxing-wasm's own
 * stb_image in the decoder worker.
 *
 * Why sharp and not only zxing-wasm's stb_image: stb_image has no WebP, cannot tell a truncated
 * file from a bad one, and would turn transparent pixels black (a QR saved with a transparent
 * background would vanish). sharp flattens alpha onto white and refuses damaged files.
 *
 * Every file's size is read from its header first and anything over 100 megapixels is refused
 * before a single pixel is decoded (sharp's limitInputPixels backs this up).
 */

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif' | 'bmp';

export type LoadedImage = { readonly kind: 'rgba'; readonly image: RgbaImage } | { readonly kind: 'bmp'; readonly bytes: Uint8Array };

/** 64 MB: far above any screenshot or photo of a QR code, far below what would hurt memory. */
export const MAX_IMAGE_FILE_BYTES = 64 * 1024 * 1024;
const SUPPORTED = 'PNG, JPEG, WebP, BMP or GIF';

/** Identifies the format from the file's first bytes (its name may lie). */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | null {
  const at = (i: number) => bytes[i] ?? -1;
  const ascii = (from: number, text: string) => [...text].every((ch, i) => at(from + i) === ch.charCodeAt(0));
  if (at(0) === 0x89 && ascii(1, 'PNG')) return 'png';
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'jpeg';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'webp';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'gif';
  if (ascii(0, 'BM') && bytes.length >= 26) return 'bmp';
  return null;
}

function tooLarge(name: string, width: number, height: number): ScanError {
  const mp = ((width * height) / 1e6).toFixed(0);
  return new ScanError(
    'image-too-large',
    `${name} is ${width} x ${height} pixels (${mp} megapixels); Twofold scans images up to ${MAX_SCAN_MEGAPIXELS} megapixels. Crop it around the QR code and try again.`,
  );
}

function unreadable(name: string, format: string, detail: string): ScanError {
  return new ScanError(
    'unreadable-image',
    `${name} could not be read as a ${format.toUpperCase()} image: it looks damaged or incomplete (${detail}). Save or export the image again and retry.`,
  );
}

/** BITMAPINFOHEADER width/height (little-endian int32 at 18 and 22; height is negative for top-down). */
function bmpSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) };
}

export async function loadImageBytes(bytes: Uint8Array, name: string): Promise<LoadedImage> {
  if (bytes.byteLength === 0) throw new ScanError('empty-file', `${name} is empty (0 bytes). Choose the image file that shows the QR code.`);
  if (bytes.byteLength > MAX_IMAGE_FILE_BYTES) {
    throw new ScanError('image-too-large', `${name} is larger than 64 MB. Crop it around the QR code, or take a screenshot of the code instead.`);
  }
  const format = sniffImageFormat(bytes);
  if (!format) throw new ScanError('unsupported-image', `${name} is not a ${SUPPORTED} image. Save the QR code in one of those formats and try again.`);
  if (format === 'bmp') {
    const { width, height } = bmpSize(bytes);
    if (width === 0 || height === 0) throw unreadable(name, format, 'its header gives no size');
    if (width * height > MAX_SCAN_PIXELS) throw tooLarge(name, width, height);
    return { kind: 'bmp', bytes };
  }
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let meta: Metadata;
  try {
    meta = await sharp(input).metadata();
  } catch (error) {
    throw unreadable(name, format, error instanceof Error ? error.message : String(error));
  }
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  if (width * height > MAX_SCAN_PIXELS) throw tooLarge(name, width, height);
  try {
    // failOn 'error' refuses truncated data instead of decoding a grey half-image.
    const { data, info } = await sharp(input, { limitInputPixels: MAX_SCAN_PIXELS, failOn: 'error', pages: 1 })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const pixels = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return { kind: 'rgba', image: { width: info.width, height: info.height, data: pixels } };
  } catch (error) {
    throw unreadable(name, format, error instanceof Error ? error.message : String(error));
  }
}

export async function loadImageFile(path: string): Promise<LoadedImage> {
  const name = basename(path);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new ScanError('file-unreadable', `${name} is not a file. Choose an image file (${SUPPORTED}).`);
    size = info.size;
  } catch (error) {
    if (error instanceof ScanError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ScanError('file-not-found', `${name} does not exist. Check the file name and try again.`);
    throw new ScanError('file-unreadable', `${name} could not be opened (${code ?? 'unknown error'}). Check that you may read it.`);
  }
  if (size > MAX_IMAGE_FILE_BYTES) {
    throw new ScanError('image-too-large', `${name} is larger than 64 MB. Crop it around the QR code, or take a screenshot of the code instead.`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ScanError('file-unreadable', `${name} could not be read (${code ?? 'unknown error'}). Check that you may read it.`);
  }
  return loadImageBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), name);
}
