import { describe, expect, it } from 'vitest';
import { loadPasswordEstimator, passwordEstimatorReady, passwordStrength } from '../../renderer/codes/store/password-strength';

/** The vault-password meter's estimate: zxcvbn-ts, the same estimator the server enforces. */
describe('vault password strength', () => {
  it('says "too short" at once, and waits for the estimator before judging anything longer', async () => {
    expect(passwordStrength('abc')).toMatchObject({ level: 0, label: 'Too short' });
    if (!passwordEstimatorReady()) expect(passwordStrength('password1')).toBeNull();
    await loadPasswordEstimator();
    expect(passwordEstimatorReady()).toBe(true);
  });

  it('rates common passwords and keyboard walks weak with the reason, passphrases strong', async () => {
    await loadPasswordEstimator();
    for (const weak of ['password1', '12345678', 'qwertyuiop', 'ｐａｓｓｗｏｒｄ', 'twofold2024']) {
      expect(passwordStrength(weak), weak).toMatchObject({ level: 1, label: 'Weak', hint: expect.stringMatching(/common|guess|twofold/) });
    }
    expect(passwordStrength('tulip-orbit-canyon')?.level).toBeGreaterThanOrEqual(3);
    expect(passwordStrength('orbit lantern fizzy cobalt')).toMatchObject({ level: 4, label: 'Strong' });
  });
});
