import type { scanChannels } from '../../../../shared/ipc/scan-channels';
import type { ScanService } from '../../services/scan/scan-service';
import type { Handlers } from '../dispatcher';

/**
 * Handlers of the scan area. Arguments arrive validated by the dispatcher; ScanError, VaultError,
 * OtpUriError and MigrationError pass through as typed errors. Results are secret-free reviews:
 * drafts stay in the ScanService.
 */
export function createScanHandlers({ scan }: { scan: ScanService }): Handlers<typeof scanChannels> {
  return {
    'scan:screen': () => scan.scanScreen(),
    'scan:open-file': () => scan.scanPickedFile(),
    'scan:image': (bytes, name) => scan.scanImageBytes(bytes, name),
    'scan:clipboard': () => scan.scanClipboard(),
    'scan:payloads': (payloads) => scan.submitPayloads(payloads),
    'scan:confirm': (keys) => scan.confirm(keys),
    'scan:link-reviews': () => scan.waitingLinkReviews(),
    'scan:discard': (linkKeys) => {
      scan.discard(linkKeys);
      return null;
    },
  };
}
