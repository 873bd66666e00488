import sharp from 'sharp';
import { DomainError } from '../../../shared/domain-error';
import { ACCOUNT_ICON_SIZE, MAX_ICON_FILE_BYTES } from '../../../shared/otp/account';
import { sniffImageFormat } from '../services/scan/image-loader';

export type AccountIconErrorCode = 'icon-too-large' | 'icon-not-an-image' | 'icon-unreadable';

export class AccountIconError extends DomainError<AccountIconErrorCode> {
  override readonly name = 'AccountIconError';
  readonly field = 'icon';
}

/** Pixels a custom image may declare before anything is decoded (a 8000×6000 photo fits). */
const MAX_ICON_PIXELS = 50_000_000;

/**
 * A user's picture for an account, made safe to keep: the bytes come from the renderer (a file
 * the user picked), so they are treated as hostile. Checked in this order, each before any work
 * the next would cost: the byte size (≤ 5 MB), the magic bytes (PNG, JPEG, WebP or GIF; the
 * file name is not trusted), the pixel count from the header (≤ 50 MP, enforced again by sharp's
 * limitInputPixels so a lying header cannot make libvips allocate more), then a full decode that
 * fails on damaged data. What is stored is a fresh 64×64 PNG re-encoded from the pixels: no
 * metadata, no original bytes, at most a few kilobytes in the vault.
 */
export async function normaliseAccountIcon(bytes: Uint8Array): Promise<string> {
  if (bytes.byteLength > MAX_ICON_FILE_BYTES) {
    throw new AccountIconError('icon-too-large', `The image is ${(bytes.byteLength / 1048576).toFixed(1)} MB; choose one of at most 5 MB (a logo or a small picture is plenty).`);
  }
  const format = sniffImageFormat(bytes);
  if (!format || format === 'bmp') {
    throw new AccountIconError('icon-not-an-image', 'That file is not a PNG, JPEG, WebP or GIF image. Choose a picture file in one of those formats.');
  }
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    const meta = await sharp(input, { limitInputPixels: MAX_ICON_PIXELS }).metadata();
    if (!meta.width || !meta.height) throw new Error('no size in the header');
    if (meta.width * meta.height > MAX_ICON_PIXELS) {
      throw new AccountIconError('icon-too-large', `The image is ${meta.width} x ${meta.height} pixels; choose one of at most 50 megapixels.`);
    }
    const png = await sharp(input, { limitInputPixels: MAX_ICON_PIXELS, failOn: 'error', animated: false })
      .resize(ACCOUNT_ICON_SIZE, ACCOUNT_ICON_SIZE, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
      .png()
      .toBuffer();
    return png.toString('base64');
  } catch (error) {
    if (error instanceof AccountIconError) throw error;
    throw new AccountIconError('icon-unreadable', `The ${format.toUpperCase()} image could not be read: it looks damaged or incomplete. Save it again or choose another picture.`);
  }
}
