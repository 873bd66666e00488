import sharp, { type Sharp } from 'sharp';
import { createCanvas, drawQr, qrExtent, type Canvas } from '../corpus/raster';

/** Test images of QR codes in every format the scanner accepts. */

/** One or more codes side by side on a white canvas. */
export function qrCanvas(texts: readonly string[], module = 4): Canvas {
  const sides = texts.map((t) => qrExtent(t, module));
  const c = createCanvas(sides.reduce((a, b) => a + b, 0) + 20, Math.max(...sides) + 20);
  let x = 10;
  texts.forEach((text, i) => {
    drawQr(c, text, { x, y: 10, module });
    x += sides[i]!;
  });
  return c;
}

export function rawSharp(c: Canvas): Sharp {
  return sharp(Buffer.from(c.data.buffer, c.data.byteOffset, c.data.byteLength), { raw: { width: c.width, height: c.height, channels: 4 } });
}

export async function encode(c: Canvas, format: 'png' | 'jpeg' | 'webp' | 'gif'): Promise<Buffer> {
  const s = rawSharp(c);
  if (format === 'jpeg') return s.jpeg({ quality: 90 }).toBuffer();
  if (format === 'webp') return s.webp({ quality: 90 }).toBuffer();
  if (format === 'gif') return s.gif().toBuffer();
  return s.png().toBuffer();
}

/** A 24-bit bottom-up BMP (BITMAPINFOHEADER, BI_RGB): libvips writes no BMP, so it is built by hand. */
export function encodeBmp(c: Canvas): Buffer {
  const rowBytes = Math.ceil((c.width * 3) / 4) * 4;
  const size = 54 + rowBytes * c.height;
  const out = Buffer.alloc(size);
  out.write('BM', 0, 'ascii');
  out.writeUInt32LE(size, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(c.width, 18);
  out.writeInt32LE(c.height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  out.writeUInt32LE(rowBytes * c.height, 34);
  for (let y = 0; y < c.height; y++) {
    const row = 54 + (c.height - 1 - y) * rowBytes;
    for (let x = 0; x < c.width; x++) {
      const i = (y * c.width + x) * 4;
      out[row + x * 3] = c.data[i + 2]!;
      out[row + x * 3 + 1] = c.data[i + 1]!;
      out[row + x * 3 + 2] = c.data[i]!;
    }
  }
  return out;
}

/** Black modules on a fully transparent background (RGB 0,0,0 under alpha 0): vanishes without flattening. */
export async function transparentPng(text: string): Promise<Buffer> {
  const c = qrCanvas([text]);
  for (let i = 0; i < c.data.length; i += 4) {
    const light = c.data[i]! > 128;
    c.data[i] = c.data[i + 1] = c.data[i + 2] = 0;
    c.data[i + 3] = light ? 0 : 255;
  }
  return encode(c, 'png');
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/**
 * A PNG that declares width x height (8-bit RGB) but carries only a sliver of pixel data: what a
 * hostile or huge file looks like to a scanner that reads the header first. Decoding it would
 * need width x height x 4 bytes; the scanner must refuse it from the header alone.
 */
export function pngHeaderOnly(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00])), chunk('IEND', Buffer.alloc(0))]);
}
