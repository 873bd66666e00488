import type { DecodedQr } from './qr-types';

/** Messages between WorkerQrDecoder and scan-decode-worker. The pixel buffer is transferred, not copied. */
export interface DecodeRequest {
  readonly id: number;
  readonly width: number;
  readonly height: number;
  readonly pixels: ArrayBuffer;
}

export type DecodeResponse =
  | { readonly id: number; readonly ok: true; readonly codes: DecodedQr[] }
  | { readonly id: number; readonly ok: false; readonly message: string };
