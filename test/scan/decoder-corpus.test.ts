import { afterAll, describe, expect, it } from 'vitest';
import { WorkerQrDecoder } from '../../electron/main/services/scan/worker-qr-decoder';
import { corpus } from './corpus/corpus';

/**
 * The shipped decoder (zxing-wasm in a worker thread) against a representative subset of the
 * synthetic corpus: the first image of every category (the bench runs all 210). A scan must find
 * every code shown and nothing else.
 */
const decoder = new WorkerQrDecoder();
afterAll(() => decoder.close());

describe('WorkerQrDecoder on the synthetic corpus', () => {
  for (const spec of corpus({ perCategory: 1 })) {
    it(`${spec.id}: finds exactly the codes shown`, async () => {
      const { image, expected } = spec.build();
      const codes = await decoder.decode(image);
      expect(codes.map((c) => c.text).sort()).toEqual([...expected].sort());
      for (const code of codes) for (const corner of code.corners) {
        expect(corner.x).toBeGreaterThanOrEqual(-1);
        expect(corner.x).toBeLessThanOrEqual(image.width);
      }
    });
  }

  it('corpus generation is deterministic (same seed, same pixels and payloads)', () => {
    const [a] = corpus({ perCategory: 1 }).filter((s) => s.category === 'camera-720p');
    const first = a!.build();
    const second = a!.build();
    expect(second.expected).toEqual(first.expected);
    expect(Buffer.compare(Buffer.from(first.image.data), Buffer.from(second.image.data))).toBe(0);
  });

  it('refuses a buffer whose size does not match the stated dimensions', async () => {
    await expect(decoder.decode({ width: 100, height: 100, data: new Uint8Array(10) })).rejects.toMatchObject({ code: 'unreadable-image' });
  });

  it('refuses more than 100 megapixels before decoding', async () => {
    await expect(decoder.decode({ width: 20_000, height: 10_000, data: new Uint8Array(4) })).rejects.toMatchObject({ code: 'image-too-large' });
  });

  it('keeps working after a refused image', async () => {
    const [spec] = corpus({ perCategory: 1 }).filter((s) => s.category === 'screen-1080p-1');
    const { image, expected } = spec!.build();
    expect((await decoder.decode(image)).map((c) => c.text)).toEqual(expected);
  });
});
