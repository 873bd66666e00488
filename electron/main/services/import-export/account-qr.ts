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
 */
export async function accountQrDataUrl(account: Pick<AccountDraft, 'issuer' | 'name' | 'otp'>): Promise<string> {
  return QRCode.toDataURL(formatOtpauthUri(account), { errorCorrectionLevel: 'M', margin: 2, scale: 6, type: 'image/png' });
}
