import { parentPort } from 'node:worker_threads';
import { readQrCodes, readQrCodesFromEncoded } from './zxing-reader';
import type { DecodeRequest, DecodeResponse } from './worker-protocol';

/**
 * worker_threads entry: decodes images posted by WorkerQrDecoder so a 4K or dual-4K capture
 * never blocks the main process's event loop (and with it every window). Key material: payloads
 * may hold OTP secrets; they go back to the parent only, never to a log.
 */
const port = parentPort;
if (!port) throw new Error('scan-decode-worker must run as a worker thread');

port.on('message', (request: DecodeRequest) => {
  const reply = (response: DecodeResponse) => port.postMessage(response);
  const pixels = new Uint8Array(request.pixels);
  const decoding = request.kind === 'encoded' ? readQrCodesFromEncoded(pixels) : readQrCodes({ width: request.width, height: request.height, data: pixels });
  decoding
    .then((codes) => reply({ id: request.id, ok: true, codes }))
    .catch((error: unknown) => reply({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) }));
});
