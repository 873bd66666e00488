import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/main/services/clock';
import { PasswordGate } from '../../electron/main/services/security';

const RIGHT = 'the vault password';

function makeGate() {
  const clock = new ManualClock();
  let kdfRuns = 0;
  const gate = new PasswordGate({
    clock,
    verify: async (password) => {
      kdfRuns++;
      return password === RIGHT;
    },
  });
  return { gate, clock, kdfRuns: () => kdfRuns };
}

describe('PasswordGate: the vault password, checked in main and rate-limited', () => {
  it('passes the right password and refuses a wrong one with a typed error naming the field', async () => {
    const { gate } = makeGate();
    await expect(gate.check(RIGHT)).resolves.toBeUndefined();
    await expect(gate.check('guess', { field: 'vaultPassword', purpose: 'to export' })).rejects.toMatchObject({
      code: 'wrong-password',
      field: 'vaultPassword',
      message: 'Wrong password: enter your Twofold vault password to export.',
    });
  });

  it('after 5 failures refuses further attempts without running the KDF, for a delay that doubles', async () => {
    const { gate, clock, kdfRuns } = makeGate();
    for (let i = 0; i < 5; i++) await expect(gate.check(`guess ${i}`)).rejects.toMatchObject({ code: 'wrong-password' });
    expect(kdfRuns()).toBe(5);
    // Even the right password waits: the attacker cannot tell a hit during the delay.
    await expect(gate.check(RIGHT)).rejects.toMatchObject({ code: 'too-many-attempts', message: /Wait 1 second/ });
    expect(kdfRuns()).toBe(5);
    clock.advance(1000);
    await expect(gate.check('guess 6')).rejects.toMatchObject({ code: 'wrong-password' });
    await expect(gate.check(RIGHT)).rejects.toMatchObject({ code: 'too-many-attempts', message: /Wait 2 seconds/ });
    clock.advance(2000);
    await expect(gate.check('guess 7')).rejects.toMatchObject({ code: 'wrong-password' });
    expect(gate.retryAfterMs()).toBe(4000);
    clock.advance(4000);
    await expect(gate.check(RIGHT)).resolves.toBeUndefined();
    expect(gate.failureCount()).toBe(0);
    expect(gate.retryAfterMs()).toBe(0);
  });

  it('parallel guesses cannot slip past the counter: they run one at a time', async () => {
    const { gate, kdfRuns } = makeGate();
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => gate.check(`guess ${i}`)));
    expect(kdfRuns()).toBe(5);
    expect(results.filter((r) => r.status === 'rejected' && (r.reason as { code: string }).code === 'too-many-attempts')).toHaveLength(15);
  });

  it('caps the delay at 5 minutes', async () => {
    const { gate, clock } = makeGate();
    for (let i = 0; i < 30; i++) {
      await gate.check(`guess ${i}`).catch(() => undefined);
      clock.advance(gate.retryAfterMs());
    }
    await gate.check('one more').catch(() => undefined);
    expect(gate.retryAfterMs()).toBe(5 * 60_000);
  });
});
