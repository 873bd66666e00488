import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { MAX_SCAN_MEGAPIXELS, MAX_SCAN_PIXELS } from '../../../../shared/scan/decoder-options';
import { ScanError } from '../../../../shared/scan/scan-errors';
import type { DecodedQr, QrDecoder, RgbaImage } from './qr-types';
import type { DecodeRequest, DecodeResponse } from './worker-protocol';

/** How to start the decode worker: a module URL, or (from source) a small ESM bootstrap. */
export type DecodeWorkerEntry = { kind: 'module'; url: URL } | { kind: 'eval'; source: string };

/**
 * Where the decode worker lives. Bundled builds (out/main, out/node) emit it as the entry
 * `scan-decode-worker.js` beside the bundle (vite.node.config.ts, electron.vite.config.ts); from source (tests, tsx) it is the .ts file next to
 * this one, loaded through tsx's ESM API (Node 20 does not apply `--import` hooks to a worker's
 * entry module, so the worker registers tsx itself before importing the entry).
 */
export function defaultDecodeWorker(): DecodeWorkerEntry {
  // Beside this module, or one level up when this code sits in a lazily loaded chunk (assets/).
  for (const relative of ['./scan-decode-worker.js', '../scan-decode-worker.js']) {
    const built = new URL(relative, import.meta.url);
    if (existsSync(built)) return { kind: 'module', url: built };
  }
  // require.resolve picks the package's "require" export; the worker imports its ESM twin.
  const tsxApiCjs = createRequire(import.meta.url).resolve('tsx/esm/api');
  const tsxApi = pathToFileURL(tsxApiCjs.replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./scan-decode-worker.ts', import.meta.url).href;
  return {
    kind: 'eval',
    source: `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`,
  };
}

export class DecoderCrashedError extends Error {
  override readonly name = 'DecoderCrashedError';
  readonly code = 'decoder-crashed';
}

/** Refuses images the decoder must never see: wrong buffer sizes (zxing would read past them) and > 100 MP. */
export function checkImage(image: RgbaImage): ScanError | null {
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    return new ScanError('unreadable-image', `The image has an invalid size (${width} x ${height} pixels).`);
  }
  if (width * height > MAX_SCAN_PIXELS) {
    const mp = ((width * height) / 1e6).toFixed(0);
    return new ScanError('image-too-large', `The image is ${width} x ${height} pixels (${mp} megapixels); Twofold scans images up to ${MAX_SCAN_MEGAPIXELS} megapixels. Crop or shrink it around the QR code and try again.`);
  }
  if (data.byteLength !== width * height * 4) {
    return new ScanError('unreadable-image', `The image data does not match its size (${data.byteLength} bytes for ${width} x ${height} RGBA pixels).`);
  }
  return null;
}

interface Pending {
  resolve(codes: DecodedQr[]): void;
  reject(error: Error): void;
}

/**
 * QrDecoder that runs zxing-wasm in one worker thread. One worker is enough: scans are rare and
 * short, and a second copy of the WebAssembly heap would only cost memory. The worker is started
 * lazily and restarted after a crash, so one bad image cannot break later scans.
 */
export class WorkerQrDecoder implements QrDecoder {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closed = false;

  constructor(private readonly entry: DecodeWorkerEntry = defaultDecodeWorker()) {}

  decode(image: RgbaImage): Promise<DecodedQr[]> {
    if (this.closed) return Promise.reject(new Error('The QR decoder has been closed.'));
    const problem = checkImage(image);
    if (problem) return Promise.reject(problem);
    const worker = this.ensureWorker();
    const id = this.nextId++;
    // Copy into a buffer we own so that it can be transferred: the caller keeps its image.
    const pixels = new Uint8Array(image.data.byteLength);
    pixels.set(image.data);
    const request: DecodeRequest = { id, kind: 'rgba', width: image.width, height: image.height, pixels: pixels.buffer };
    return new Promise<DecodedQr[]>((resolve, reject) => {
      this.track(worker, id, { resolve, reject });
      worker.postMessage(request, [pixels.buffer]);
    });
  }

  /** Like decode(), but hands the image's buffer to the worker (the caller must not use it afterwards). */
  decodeTransfer(image: RgbaImage): Promise<DecodedQr[]> {
    if (this.closed) return Promise.reject(new Error('The QR decoder has been closed.'));
    const { data } = image;
    const problem = checkImage(image);
    if (problem) return Promise.reject(problem);
    const owned = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer;
    if (!owned) return this.decode(image);
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const request: DecodeRequest = { id, kind: 'rgba', width: image.width, height: image.height, pixels: data.buffer as ArrayBuffer };
    return new Promise<DecodedQr[]>((resolve, reject) => {
      this.track(worker, id, { resolve, reject });
      worker.postMessage(request, [request.pixels]);
    });
  }

  decodeEncoded(bytes: Uint8Array): Promise<DecodedQr[]> {
    if (this.closed) return Promise.reject(new Error('The QR decoder has been closed.'));
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    const request: DecodeRequest = { id, kind: 'encoded', width: 0, height: 0, pixels: copy.buffer };
    return new Promise<DecodedQr[]>((resolve, reject) => {
      this.track(worker, id, { resolve, reject });
      worker.postMessage(request, [copy.buffer]);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(new Error('The QR decoder was closed during a scan.'));
    if (worker) await worker.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker =
      this.entry.kind === 'module' ? new Worker(this.entry.url) : new Worker(this.entry.source, { eval: true });
    worker.on('message', (response: DecodeResponse) => {
      const pending = this.pending.get(response.id);
      if (!pending) return;
      this.pending.delete(response.id);
      if (this.pending.size === 0) worker.unref();
      if (response.ok) pending.resolve(response.codes);
      else pending.reject(new Error(`The QR decoder failed: ${response.message}`));
    });
    const crashed = (reason: string) => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new DecoderCrashedError(`The QR decoder stopped (${reason}). Try the scan again.`));
    };
    worker.on('error', (error) => crashed(error.message));
    worker.on('exit', (code) => {
      if (code !== 0 || this.pending.size) crashed(`exit code ${code}`);
    });
    this.worker = worker;
    return worker;
  }

  /** Scans are occasional: the worker keeps the process alive only while a decode is pending. */
  private track(worker: Worker, id: number, pending: Pending): void {
    this.pending.set(id, pending);
    worker.ref();
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
