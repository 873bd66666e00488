// Types for the vendored encoder (public/vendor/qrcode.js, built by server/web/build-vendor.mjs).
export interface QrSymbol {
  modules: { size: number; data: Uint8Array };
  version: number;
}
export function create(text: string, options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): QrSymbol;
