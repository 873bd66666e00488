import { createRng, type Rng } from './prng';
import { randomOtpauthUri, randomPayload } from './payloads';
import { busyBackground, createCanvas, drawQr, qrExtent, type Canvas } from './raster';
import { boxBlur, cameraLook, resize, warpOnto } from './transforms';

/**
 * The synthetic scan corpus of issue #4: 210 images in 11 categories, generated lazily and
 * deterministically from one seed (image i always comes from seed + i, so a subset is the same
 * images as in the full set). Nothing is stored: a 4K RGBA image is 33 MB.
 */

export const CORPUS_SEED = 0x2f01d;

export type Category =
  | 'screen-4k-1'
  | 'screen-1080p-1'
  | 'screen-4k-multi'
  | 'screen-1080p-multi'
  | 'small-modules-2px'
  | 'hidpi-1.5x'
  | 'inverted'
  | 'dual-4k'
  | 'camera-720p'
  | 'camera-low-contrast'
  | 'no-code';

export const CATEGORY_SIZES: Record<Category, number> = {
  'screen-4k-1': 20,
  'screen-1080p-1': 20,
  'screen-4k-multi': 20,
  'screen-1080p-multi': 20,
  'small-modules-2px': 20,
  'hidpi-1.5x': 20,
  inverted: 20,
  'dual-4k': 10,
  'camera-720p': 20,
  'camera-low-contrast': 20,
  'no-code': 20,
};

export interface CorpusImage {
  image: Canvas;
  /** Every payload shown in the image; the decoder must find all of them and nothing else. */
  expected: string[];
}

export interface CorpusSpec {
  id: string;
  category: Category;
  build(): CorpusImage;
}

/** Places `texts` side by side in distinct columns of the region, at random heights. */
function placeCodes(c: Canvas, rng: Rng, texts: string[], module: () => number, region = { x: 0, w: c.width }, inverted = false): void {
  const slot = region.w / texts.length;
  texts.forEach((text, k) => {
    const m = module();
    const side = qrExtent(text, m);
    const x = region.x + k * slot + rng.range(0, Math.max(0, slot - side));
    const y = rng.range(0, Math.max(0, c.height - side));
    drawQr(c, text, { x, y, module: m, inverted, ink: inverted ? rng.int(18, 40) : rng.int(0, 30), paper: rng.int(235, 255) });
  });
}

function screen(width: number, height: number, rng: Rng, codes: number, module: () => number, dark = false): CorpusImage {
  const c = createCanvas(width, height);
  busyBackground(c, rng, dark);
  const expected = Array.from({ length: codes }, () => randomPayload(rng));
  placeCodes(c, rng, expected, module, { x: 0, w: width }, dark);
  return { image: c, expected };
}

function camera(rng: Rng, lowContrast: boolean): CorpusImage {
  const frame = createCanvas(1280, 720);
  busyBackground(frame, rng);
  const text = randomOtpauthUri(rng);
  const m = rng.int(5, 8);
  const side = qrExtent(text, m) + 2 * m;
  const card = createCanvas(side, side, 250);
  drawQr(card, text, { x: m, y: m, module: m, paper: 250, ink: 15 });
  const size = rng.range(260, 420);
  const cx = rng.range(size * 0.7, 1280 - size * 0.7);
  const cy = rng.range(size * 0.7, 720 - size * 0.7);
  const angle = ((lowContrast ? rng.range(-12, 12) : rng.range(-35, 35)) * Math.PI) / 180;
  const skew = lowContrast ? 0.06 : 0.16;
  const corners = [
    [-1, -1],
    [1, -1],
    [1, 1],
    [-1, 1],
  ].map(([sx, sy]) => {
    const px = (sx! * size) / 2 + rng.range(-skew, skew) * size;
    const py = (sy! * size) / 2 + rng.range(-skew, skew) * size;
    return [cx + px * Math.cos(angle) - py * Math.sin(angle), cy + px * Math.sin(angle) + py * Math.cos(angle)] as [number, number];
  }) as [[number, number], [number, number], [number, number], [number, number]];
  warpOnto(frame, card, corners);
  boxBlur(frame, rng.int(1, 2), lowContrast ? 2 : 3);
  cameraLook(frame, rng, lowContrast ? rng.range(0.22, 0.4) : rng.range(0.6, 0.9), lowContrast ? 5 : 8);
  return { image: frame, expected: [text] };
}

function build(category: Category, rng: Rng, index: number): CorpusImage {
  switch (category) {
    case 'screen-4k-1':
      return screen(3840, 2160, rng, 1, () => rng.int(3, 6));
    case 'screen-1080p-1':
      return screen(1920, 1080, rng, 1, () => rng.int(3, 6));
    case 'screen-4k-multi':
      return screen(3840, 2160, rng, index % 2 ? 3 : 2, () => rng.int(3, 6));
    case 'screen-1080p-multi':
      return screen(1920, 1080, rng, index % 2 ? 3 : 2, () => rng.int(3, 5));
    case 'small-modules-2px':
      return index % 2 ? screen(3840, 2160, rng, 1, () => 2) : screen(1920, 1080, rng, 1, () => 2);
    case 'hidpi-1.5x': {
      // Drawn at 1x on a 1280x720 logical desktop, then scaled by 1.5 as a compositor does.
      const logical = screen(1280, 720, rng, 1 + (index % 2), () => rng.int(2, 4));
      return { image: resize(logical.image, 1920, 1080), expected: logical.expected };
    }
    case 'inverted':
      return index % 2 ? screen(3840, 2160, rng, 1, () => rng.int(3, 6), true) : screen(1920, 1080, rng, 2, () => rng.int(3, 5), true);
    case 'dual-4k': {
      // Two 4K displays side by side in one capture (7680x2160), at least one code on each.
      const c = createCanvas(7680, 2160);
      busyBackground(c, rng);
      const left = Array.from({ length: 1 + (index % 2) }, () => randomPayload(rng));
      const right = [randomPayload(rng)];
      placeCodes(c, rng, left, () => rng.int(3, 6), { x: 0, w: 3840 });
      placeCodes(c, rng, right, () => rng.int(3, 6), { x: 3840, w: 3840 });
      return { image: c, expected: [...left, ...right] };
    }
    case 'camera-720p':
      return camera(rng, false);
    case 'camera-low-contrast':
      return camera(rng, true);
    case 'no-code': {
      const kind = index % 4;
      if (kind === 3) {
        const frame = createCanvas(1280, 720);
        busyBackground(frame, rng);
        boxBlur(frame, 1, 2);
        cameraLook(frame, rng, 0.7, 8);
        return { image: frame, expected: [] };
      }
      return kind === 0 ? screen(3840, 2160, rng, 0, () => 4) : screen(1920, 1080, rng, 0, () => 4, kind === 2);
    }
  }
}

/** Every image of the corpus, in a fixed order. `perCategory` keeps the first N of each category. */
export function corpus(options: { seed?: number; perCategory?: number } = {}): CorpusSpec[] {
  const seed = options.seed ?? CORPUS_SEED;
  const specs: CorpusSpec[] = [];
  let n = 0;
  for (const [category, size] of Object.entries(CATEGORY_SIZES) as [Category, number][]) {
    for (let i = 0; i < size; i++) {
      const imageSeed = seed + n++;
      if (options.perCategory !== undefined && i >= options.perCategory) continue;
      specs.push({ id: `${category}-${String(i).padStart(2, '0')}`, category, build: () => build(category, createRng(imageSeed), i) });
    }
  }
  return specs;
}
