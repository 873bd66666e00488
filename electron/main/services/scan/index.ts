import type { VaultApi } from '../vault/vault-types';
import type { QrDecoder } from './qr-types';
import type { ClipboardSource, ImageFilePicker, ScreenCapture } from './scan-ports';
import { ScanService } from './scan-service';
import { WorkerQrDecoder } from './worker-qr-decoder';

export * from './scan-ports';
export type { DecodedQr, QrDecoder, RgbaImage } from './qr-types';
export { ScanService, type ScanVault } from './scan-service';
export { WorkerQrDecoder } from './worker-qr-decoder';
export { loadImageBytes, loadImageFile } from './image-loader';

/** What the OS gives the scan service: Electron adapters in the app, X11/fakes in tests. */
export interface ScanPorts {
  capture?: ScreenCapture;
  clipboard?: ClipboardSource;
  filePicker?: ImageFilePicker;
  decoder?: QrDecoder;
}

/**
 * Builds the scan service for the composition root. Pending scan results hold secrets, so they
 * are dropped as soon as the vault locks.
 */
export function createScanService(vault: Pick<VaultApi, 'accounts' | 'addAccounts' | 'status' | 'onChange'>, ports: ScanPorts = {}): ScanService {
  const scan = new ScanService({ ...ports, decoder: ports.decoder ?? new WorkerQrDecoder(), vault });
  vault.onChange(() => {
    if (vault.status().state !== 'unlocked') scan.discardAll();
  });
  return scan;
}
