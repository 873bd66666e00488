/**
 * The QR reader settings every decoder in Twofold uses (main-process worker, camera Web Worker,
 * CLI). zxing-cpp's defaults are kept on purpose: on our synthetic corpus turning off
 * tryHarder/tryRotate saved ~10 % of the time and lost many small and skewed codes, and
 * tryInvert is what finds dark-mode (light-on-dark) codes. Only the format is narrowed, which
 * also rules out false positives from linear barcodes.
 *
 * Kept free of zxing-wasm types so the domain does not depend on the library.
 */
export const QR_READER_OPTIONS = {
  formats: ['QRCode'],
  tryHarder: true,
  tryRotate: true,
  tryInvert: true,
  tryDownscale: true,
  /** 0 = no limit: a screen may hold a whole multi-page Google export at once. */
  maxNumberOfSymbols: 0,
} as const;

/**
 * Images larger than this are refused before any pixel is decoded: 100 MP of RGBA is 400 MB,
 * more than a desktop authenticator should ever allocate for one scan. A dual 8K setup is
 * 66 MP, so every real screen fits.
 */
export const MAX_SCAN_MEGAPIXELS = 100;
export const MAX_SCAN_PIXELS = MAX_SCAN_MEGAPIXELS * 1_000_000;
