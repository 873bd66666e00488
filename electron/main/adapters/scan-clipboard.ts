import { clipboard } from 'electron';
import type { ClipboardImage, ClipboardSource } from '../services/scan/scan-ports';

const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/bmp'];

/**
 * The clipboard as a scan source, over Electron 45's promise-based clipboard: the first image
 * item (its encoded bytes, usually PNG; the scan service decodes and flattens transparency), or
 * the text. Key material: the text may be an otpauth URI with its secret; it goes to the scan
 * service only.
 */
export const electronScanClipboard: ClipboardSource = {
  async readImage(): Promise<ClipboardImage | null> {
    for (const item of await clipboard.read()) {
      const type = IMAGE_TYPES.find((t) => item.types.includes(t));
      if (!type) continue;
      const blob = await item.getType(type);
      if (!(blob instanceof Blob)) continue;
      return { encoded: new Uint8Array(await blob.arrayBuffer()) };
    }
    return null;
  },
  readText: () => clipboard.readText(),
};
