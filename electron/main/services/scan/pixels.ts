import type { RgbaImage } from './qr-types';

/**
 * Composites an image with transparency onto white. A QR code copied from a page with a
 * transparent background arrives as black modules over (0, 0, 0, alpha 0) pixels: without this
 * the whole image is black and no code can be found. Opaque images are returned as they are.
 */
export function flattenOnWhite(image: RgbaImage): RgbaImage {
  const { data } = image;
  let opaque = true;
  for (let i = 3; i < data.length; i += 4) {
    if (data[i] !== 255) {
      opaque = false;
      break;
    }
  }
  if (opaque) return image;
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i += 4) {
    const a = data[i + 3]! / 255;
    // Premultiplied or straight alpha give the same result on white for black-and-white codes.
    out[i] = data[i]! * a + 255 * (1 - a);
    out[i + 1] = data[i + 1]! * a + 255 * (1 - a);
    out[i + 2] = data[i + 2]! * a + 255 * (1 - a);
    out[i + 3] = 255;
  }
  return { width: image.width, height: image.height, data: out };
}
