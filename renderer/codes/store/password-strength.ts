import type { PasswordVerdict } from '../../../shared/password-rules';
import { MIN_PASSWORD_LENGTH } from '../../../shared/password-length';

/**
 * The strength estimate under a new vault password: zxcvbn-ts with its common-passwords list,
 * the same estimator (shared/password-rules.ts) the reference server enforces. Here it is advice,
 * not a gate: the vault enforces only the length (NIST SP 800-63B §5.1.1.1) and scrypt makes each
 * guess expensive. The estimator and its dictionaries (~800 kB) are loaded on first use, so the
 * window starts without them; until they arrive the meter shows the length rule only.
 */
export type StrengthLevel = 0 | 1 | 2 | 3 | 4;

export interface Strength {
  level: StrengthLevel;
  label: 'Too short' | 'Weak' | 'Fair' | 'Good' | 'Strong';
  hint: string;
}

export { MIN_PASSWORD_LENGTH };

type Judge = (password: string, context?: readonly string[]) => PasswordVerdict;
let judge: Judge | null = null;
let loading: Promise<void> | null = null;

/** Loads the estimator once; resolves when `passwordStrength` gives its full estimate. */
export function loadPasswordEstimator(): Promise<void> {
  loading ??= import('../../../shared/password-rules').then((m) => {
    judge = m.judgePassword;
  });
  return loading;
}

export const passwordEstimatorReady = (): boolean => judge !== null;

const LABELS = ['Too short', 'Weak', 'Fair', 'Good', 'Strong'] as const;

/** null while the estimator is still loading (and the password is long enough to need it). */
export function passwordStrength(password: string): Strength | null {
  if ([...password.normalize('NFKC')].length < MIN_PASSWORD_LENGTH) {
    return { level: 0, label: 'Too short', hint: `Use at least ${MIN_PASSWORD_LENGTH} characters.` };
  }
  if (!judge) return null;
  const verdict = judge(password);
  // zxcvbn's 0 and 1 are both "an attacker's early guesses".
  const level = Math.max(1, verdict.score) as StrengthLevel;
  const hint =
    verdict.refusal !== null
      ? verdict.message
      : level === 4
        ? 'Keep it somewhere safe: it cannot be recovered.'
        : 'A word or two more would make it strong.';
  return { level, label: LABELS[level], hint };
}
