import QRCode from 'qrcode';
import type { AccountDraft } from '../../../../shared/otp/account';
import { formatOtpauthUri } from '../../../../shared/otp/otpauth-uri';

/**
 * A QR code of one account's otpauth URI, as a PNG data: URL, so another authenticator can scan
 * it. Error correction M (ISO/IEC 18004: ~15 % recovery) keeps the code small enough for phone
 * cameras at the usual URI lengths.
 *
 * Key material: the image encodes the secret. It is rendered in the main process and sent to the
 * renderer only after the vault password was entered again (ImportExportService.accountQr).
 * DESIGN: the URI and the data: URL are strings (see ImportExportService): built for this one
 * request the user made, never cached, never logged; the lock cannot erase them.
 */
export async function accountQrDataUrl(account: Pick<AccountDraft, 'issuer' | 'name' | 'otp'>): Promise<string> {
  return QRCode.toDataURL(formatOtpauthUri(account), { errorCorrectionLevel: 'M', margin: 2, scale: 6, type: 'image/png' });
}
