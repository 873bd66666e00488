import QRCode from 'qrcode';
import type { Rng } from './prng';

/** An RGBA image the corpus draws on (same layout as the decoder's RgbaImage). */
export interface Canvas {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export function createCanvas(width: number, height: number, grey = 255): Canvas {
  const data = new Uint8ClampedArray(width * height * 4).fill(grey);
  return { width, height, data };
}

export function fillRect(c: Canvas, x0: number, y0: number, w: number, h: number, rgb: readonly [number, number, number]): void {
  const xs = Math.max(0, Math.floor(x0));
  const ys = Math.max(0, Math.floor(y0));
  const xe = Math.min(c.width, Math.floor(x0 + w));
  const ye = Math.min(c.height, Math.floor(y0 + h));
  for (let y = ys; y < ye; y++) {
    let i = (y * c.width + xs) * 4;
    for (let x = xs; x < xe; x++, i += 4) {
      c.data[i] = rgb[0];
      c.data[i + 1] = rgb[1];
      c.data[i + 2] = rgb[2];
      c.data[i + 3] = 255;
    }
  }
}

/**
 * A busy desktop: a gradient wallpaper, overlapping windows, lines of "text", icons and a few
 * checkerboards and square bullets that look like finder patterns to a careless detector.
 */
export function busyBackground(c: Canvas, rng: Rng, dark = false): void {
  const [r0, g0, b0] = dark ? [20, 24, 32] : [rng.int(60, 200), rng.int(60, 200), rng.int(60, 200)];
  const fx = rng.range(0.0005, 0.003);
  const fy = rng.range(0.0005, 0.003);
  for (let y = 0; y < c.height; y++) {
    const gy = Math.sin(y * fy) * 40;
    let i = y * c.width * 4;
    for (let x = 0; x < c.width; x++, i += 4) {
      const g = gy + Math.cos(x * fx) * 40;
      c.data[i] = r0 + g;
      c.data[i + 1] = g0 + g * 0.7;
      c.data[i + 2] = b0 - g * 0.5;
      c.data[i + 3] = 255;
    }
  }
  const scale = c.width / 1920;
  const windows = rng.int(6, 12);
  for (let w = 0; w < windows; w++) {
    const ww = rng.int(300, 900) * scale;
    const wh = rng.int(200, 700) * scale;
    const wx = rng.int(-100, c.width - 200);
    const wy = rng.int(-50, c.height - 150);
    const paper = dark ? rng.int(28, 48) : rng.int(225, 252);
    const ink = dark ? rng.int(190, 235) : rng.int(20, 70);
    fillRect(c, wx, wy, ww, wh, [paper, paper, paper]);
    fillRect(c, wx, wy, ww, 28 * scale, dark ? [50, 55, 70] : [rng.int(40, 200), rng.int(40, 200), rng.int(90, 230)]);
    const lineH = rng.int(9, 16) * scale;
    for (let ly = wy + 40 * scale; ly < wy + wh - lineH; ly += lineH * 1.8) {
      let lx = wx + 12 * scale;
      while (lx < wx + ww - 40 * scale) {
        const word = rng.int(12, 70) * scale;
        if (rng.next() < 0.85) fillRect(c, lx, ly, word, lineH * 0.7, [ink, ink, ink]);
        lx += word + rng.int(5, 12) * scale;
      }
    }
    if (rng.next() < 0.5) checker(c, wx + ww * 0.6, wy + wh * 0.4, rng.int(4, 9) * scale, rng.int(6, 14), ink, paper);
    if (rng.next() < 0.6) bullet(c, wx + ww * 0.2, wy + wh * 0.6, rng.int(14, 40) * scale, ink, paper);
  }
  for (let k = 0; k < 30; k++) {
    const s = rng.int(24, 64) * scale;
    fillRect(c, rng.int(0, c.width), rng.int(0, c.height), s, s, [rng.int(0, 255), rng.int(0, 255), rng.int(0, 255)]);
  }
}

function checker(c: Canvas, x: number, y: number, cell: number, n: number, ink: number, paper: number): void {
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) {
      const v = (i + j) % 2 ? ink : paper;
      fillRect(c, x + i * cell, y + j * cell, cell, cell, [v, v, v]);
    }
}

/** A 7:5:3 square bullet, the shape of a QR finder pattern, alone: must not yield a code. */
function bullet(c: Canvas, x: number, y: number, s: number, ink: number, paper: number): void {
  fillRect(c, x, y, s, s, [ink, ink, ink]);
  fillRect(c, x + s / 7, y + s / 7, (s * 5) / 7, (s * 5) / 7, [paper, paper, paper]);
  fillRect(c, x + (s * 2) / 7, y + (s * 2) / 7, (s * 3) / 7, (s * 3) / 7, [ink, ink, ink]);
}

export interface QrPlacement {
  x: number;
  y: number;
  /** Pixels per module; fractional values give the uneven modules of scaled screens. */
  module: number;
  /** Light modules on a dark quiet zone (dark-mode pages). */
  inverted?: boolean;
  quietModules?: number;
  ink?: number;
  paper?: number;
}

export function qrMatrix(text: string): { size: number; dark(x: number, y: number): boolean } {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const bits = qr.modules.data;
  return { size, dark: (x, y) => bits[y * size + x] === 1 };
}

/** Side of the drawn symbol including its quiet zone, in pixels. */
export function qrExtent(text: string, module: number, quietModules = 4): number {
  return Math.ceil((qrMatrix(text).size + 2 * quietModules) * module);
}

export function drawQr(c: Canvas, text: string, p: QrPlacement): number {
  const m = qrMatrix(text);
  const quiet = p.quietModules ?? 4;
  const ink = p.ink ?? 0;
  const paper = p.paper ?? 255;
  const [fg, bg] = p.inverted ? [paper, ink] : [ink, paper];
  const total = m.size + 2 * quiet;
  const side = Math.ceil(total * p.module);
  for (let py = 0; py < side; py++) {
    const y = Math.floor(p.y) + py;
    if (y < 0 || y >= c.height) continue;
    const my = Math.floor(py / p.module) - quiet;
    for (let px = 0; px < side; px++) {
      const x = Math.floor(p.x) + px;
      if (x < 0 || x >= c.width) continue;
      const mx = Math.floor(px / p.module) - quiet;
      const on = mx >= 0 && my >= 0 && mx < m.size && my < m.size && m.dark(mx, my);
      const v = on ? fg : bg;
      const i = (y * c.width + x) * 4;
      c.data[i] = v;
      c.data[i + 1] = v;
      c.data[i + 2] = v;
      c.data[i + 3] = 255;
    }
  }
  return side;
}

/** Copies `src` into `dst` at (x, y). */
export function blit(dst: Canvas, src: Canvas, x: number, y: number): void {
  for (let sy = 0; sy < src.height; sy++) {
    const dy = y + sy;
    if (dy < 0 || dy >= dst.height) continue;
    const from = sy * src.width * 4;
    const cols = Math.min(src.width, dst.width - x);
    dst.data.set(src.data.subarray(from, from + cols * 4), (dy * dst.width + x) * 4);
  }
}
