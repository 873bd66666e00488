/// <reference lib="webworker" />
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { QR_READER_OPTIONS } from '../../../shared/scan/decoder-options';

/**
 * Web Worker that decodes camera frames with zxing-wasm, off the renderer's main thread. The
 * .wasm is the file shipped in the npm package, emitted by Vite next to this worker and loaded
 * from our own origin — never from zxing-wasm's default CDN. (The app serves worker scripts with
 * a CSP that allows 'wasm-unsafe-eval'; documents never get it.)
 *
 * Protocol: in `{ id, width, height, pixels: ArrayBuffer }` (RGBA, transferred); out
 * `{ id, texts: string[] }` or `{ id, error }`. Key material: texts may hold OTP secrets; they
 * go back to the page, which hands them to the main process.
 */
prepareZXingModule({
  overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? new URL(wasmUrl, self.location.href).href : prefix + path) },
});

interface FrameRequest {
  id: number;
  width: number;
  height: number;
  pixels: ArrayBuffer;
}

self.onmessage = async (event: MessageEvent<FrameRequest>) => {
  const { id, width, height, pixels } = event.data;
  try {
    const image = new ImageData(new Uint8ClampedArray(pixels), width, height);
    const results = await readBarcodes(image, { ...QR_READER_OPTIONS, formats: [...QR_READER_OPTIONS.formats] });
    self.postMessage({ id, texts: results.filter((r) => r.isValid).map((r) => r.text) });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
