import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes, type ReadResult } from 'zxing-wasm/reader';
import { QR_READER_OPTIONS } from '../../../../shared/scan/decoder-options';
import type { DecodedQr, RgbaImage } from './qr-types';

/**
 * zxing-cpp compiled to WebAssembly (zxing-wasm), the decoder Twofold ships: on our corpus it
 * found every code on multi-code screens, 2-pixel modules and inverted codes, ~10x faster than
 * jsQR (see bench/scan.ts).
 *
 * By default zxing-wasm fetches its .wasm from a CDN; we never let it: the binary shipped inside
 * the npm package is read from disk and handed over as `wasmBinary` (packaged apps must keep it
 * outside the asar archive or readable through Electron's asar fs).
 */
let ready: Promise<void> | undefined;

export function zxingWasmPath(): string {
  return createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
}

export function loadZxing(wasmPath: string = zxingWasmPath()): Promise<void> {
  ready ??= (async () => {
    const bytes = await readFile(wasmPath);
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    await prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
  })();
  return ready;
}

function toDecoded(result: ReadResult): DecodedQr {
  const p = result.position;
  return {
    text: result.text,
    corners: [p.topLeft, p.topRight, p.bottomRight, p.bottomLeft],
  };
}

/** Decodes every valid QR code in an RGBA image (runs on the calling thread: use it in a worker). */
export async function readQrCodes(image: RgbaImage): Promise<DecodedQr[]> {
  await loadZxing();
  // zxing-wasm duck-types ImageData ({data, width, height}); Node has no ImageData class.
  const input = { data: image.data, width: image.width, height: image.height } as unknown as Parameters<typeof readBarcodes>[0];
  const results = await readBarcodes(input, { ...QR_READER_OPTIONS, formats: [...QR_READER_OPTIONS.formats] });
  return results.filter((r) => r.isValid).map(toDecoded);
}

/**
 * Decodes every valid QR code in an encoded image (BMP here; zxing-wasm reads it with its
 * built-in stb_image). The caller has checked the pixel count from the header.
 */
export async function readQrCodesFromEncoded(bytes: Uint8Array): Promise<DecodedQr[]> {
  await loadZxing();
  const results = await readBarcodes(bytes, { ...QR_READER_OPTIONS, formats: [...QR_READER_OPTIONS.formats] });
  return results.filter((r) => r.isValid).map(toDecoded);
}
