import { describe, expect, it } from 'vitest';
import { HashSlots, INSECURE_FAST_HASH_OPTIONS, PasswordHasher } from '../../server/crypto/password-hasher';

/** A task the test finishes by hand, to observe how many run at once. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((ok) => (open = ok));
  return { promise, open };
}

const tick = () => new Promise((ok) => setImmediate(ok));

describe('HashSlots: at most `limit` Argon2 computations at once', () => {
  it('runs two at a time when the limit is two, the rest in arrival order', async () => {
    const slots = new HashSlots(2);
    const gates = [gate(), gate(), gate(), gate()];
    const started: number[] = [];
    let running = 0;
    let peak = 0;
    const all = gates.map((g, i) =>
      slots.run(async () => {
        started.push(i);
        running++;
        peak = Math.max(peak, running);
        await g.promise;
        running--;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    gates[1]!.open();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.open();
    gates[2]!.open();
    gates[3]!.open();
    expect(await Promise.all(all)).toEqual([0, 1, 2, 3]);
    expect(peak).toBe(2);
  });

  it('a failed computation frees its slot', async () => {
    const slots = new HashSlots(1);
    await expect(slots.run(() => Promise.reject(new Error('native failure')))).rejects.toThrow('native failure');
    await expect(slots.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });

  it('verifies through the slots: 6 parallel checks with one slot still answer right and wrong correctly', async () => {
    const hasher = new PasswordHasher(INSECURE_FAST_HASH_OPTIONS, new HashSlots(1));
    const encoded = await hasher.hash('correct horse battery staple');
    const answers = await Promise.all(['correct horse battery staple', 'wrong', 'correct horse battery staple', 'x', 'y', 'correct horse battery staple'].map((p) => hasher.verify(encoded, p)));
    expect(answers).toEqual([true, false, true, false, false, true]);
  });
});
