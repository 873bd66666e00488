import type { DecodedQr } from './qr-types';

/** Messages between WorkerQrDecoder and scan-decode-worker. The pixel buffer is transferred, not copied. */
export interface DecodeRequest {
  readonly id: number;
  /** 'rgba': `pixels` is width x height RGBA; 'encoded': `pixels` is an image file (BMP). */
  readonly kind: 'rgba' | 'encoded';
  readonly width: number;
  readonly height: number;
  readonly pixels: ArrayBuffer;
}

export type DecodeResponse =
  | { readonly id: number; readonly ok: true; readonly codes: DecodedQr[] }
  | { readonly id: number; readonly ok: false; readonly message: string };
