import type { Rng } from './prng';
import { createCanvas, type Canvas } from './raster';

/**
 * Small image transforms for the synthetic corpus, written here rather than taken from an image
 * library so that the corpus is bit-for-bit the same whatever libvips version is installed.
 */

function sample(src: Canvas, x: number, y: number, out: number[]): boolean {
  if (x < 0 || y < 0 || x > src.width - 1 || y > src.height - 1) return false;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = Math.min(x0 + 1, src.width - 1);
  const y1 = Math.min(y0 + 1, src.height - 1);
  const fx = x - x0;
  const fy = y - y0;
  for (let ch = 0; ch < 3; ch++) {
    const a = src.data[(y0 * src.width + x0) * 4 + ch]!;
    const b = src.data[(y0 * src.width + x1) * 4 + ch]!;
    const c = src.data[(y1 * src.width + x0) * 4 + ch]!;
    const d = src.data[(y1 * src.width + x1) * 4 + ch]!;
    out[ch] = (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
  }
  return true;
}

/** Bilinear resize, as a compositor scales a 1x window onto a 1.5x HiDPI screen. */
export function resize(src: Canvas, width: number, height: number): Canvas {
  const dst = createCanvas(width, height);
  const sx = src.width / width;
  const sy = src.height / height;
  const px = [0, 0, 0];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      sample(src, (x + 0.5) * sx - 0.5, (y + 0.5) * sy - 0.5, px);
      const i = (y * width + x) * 4;
      dst.data[i] = px[0]!;
      dst.data[i + 1] = px[1]!;
      dst.data[i + 2] = px[2]!;
    }
  return dst;
}

type Quad = readonly [[number, number], [number, number], [number, number], [number, number]];

/** Solves the 3x3 homography mapping quad `from` onto quad `to` (8 unknowns, Gaussian elimination). */
function homography(from: Quad, to: Quad): number[] {
  const a: number[][] = [];
  for (let k = 0; k < 4; k++) {
    const [x, y] = from[k]!;
    const [u, v] = to[k]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let r = col + 1; r < 8; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    for (let r = 0; r < 8; r++) {
      if (r === col) continue;
      const f = a[r]![col]! / a[col]![col]!;
      for (let k = col; k < 9; k++) a[r]![k]! -= f * a[col]![k]!;
    }
  }
  return [...a.map((row, i) => row[8]! / row[i]!), 1];
}

/**
 * Draws `src` onto `dst` so that its corners land on `corners` (a camera looking at the code at
 * an angle). Inverse mapping with bilinear sampling.
 */
export function warpOnto(dst: Canvas, src: Canvas, corners: Quad): void {
  const w = src.width - 1;
  const h = src.height - 1;
  const inv = homography(corners, [[0, 0], [w, 0], [w, h], [0, h]]);
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const px = [0, 0, 0];
  for (let y = Math.max(0, Math.floor(Math.min(...ys))); y < Math.min(dst.height, Math.ceil(Math.max(...ys))); y++)
    for (let x = Math.max(0, Math.floor(Math.min(...xs))); x < Math.min(dst.width, Math.ceil(Math.max(...xs))); x++) {
      const d = inv[6]! * x + inv[7]! * y + inv[8]!;
      const u = (inv[0]! * x + inv[1]! * y + inv[2]!) / d;
      const v = (inv[3]! * x + inv[4]! * y + inv[5]!) / d;
      if (!sample(src, u, v, px)) continue;
      const i = (y * dst.width + x) * 4;
      dst.data[i] = px[0]!;
      dst.data[i + 1] = px[1]!;
      dst.data[i + 2] = px[2]!;
    }
}

/** Box blur of the given radius, `passes` times (three passes approximate a Gaussian). */
export function boxBlur(c: Canvas, radius: number, passes = 2): void {
  if (radius < 1) return;
  const { width, height, data } = c;
  const line = new Float32Array(Math.max(width, height));
  const win = 2 * radius + 1;
  for (let pass = 0; pass < passes; pass++)
    for (const horizontal of [true, false]) {
      const n = horizontal ? width : height;
      const lines = horizontal ? height : width;
      for (let l = 0; l < lines; l++)
        for (let ch = 0; ch < 3; ch++) {
          const at = (k: number) => (horizontal ? (l * width + k) * 4 + ch : (k * width + l) * 4 + ch);
          for (let k = 0; k < n; k++) line[k] = data[at(k)]!;
          let sum = 0;
          for (let k = -radius; k <= radius; k++) sum += line[Math.min(n - 1, Math.max(0, k))]!;
          for (let k = 0; k < n; k++) {
            data[at(k)] = sum / win;
            sum += line[Math.min(n - 1, k + radius + 1)]! - line[Math.max(0, k - radius)]!;
          }
        }
    }
}

/**
 * A cheap webcam: squeezed contrast around a mid grey, lighting that falls off across the frame
 * and sensor noise.
 */
export function cameraLook(c: Canvas, rng: Rng, contrast: number, noise: number): void {
  const mid = rng.int(90, 150);
  const lx = rng.range(-0.4, 0.4);
  const ly = rng.range(-0.3, 0.3);
  for (let y = 0; y < c.height; y++)
    for (let x = 0; x < c.width; x++) {
      const light = 1 + lx * (x / c.width - 0.5) + ly * (y / c.height - 0.5);
      const i = (y * c.width + x) * 4;
      const n = (rng.next() - 0.5) * 2 * noise;
      for (let ch = 0; ch < 3; ch++) c.data[i + ch] = (mid + (c.data[i + ch]! - mid) * contrast) * light + n;
    }
}
