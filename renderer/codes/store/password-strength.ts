/**
 * A coarse password-strength estimate for the feedback under the password field. It is advice,
 * not a gate: the vault enforces the only hard rule (8 characters, NIST SP 800-63B §5.1.1.1)
 * and scrypt makes each guess expensive. zxcvbn would be finer but ships ~800 kB of
 * dictionaries; this estimate counts length and character variety and penalizes the patterns
 * guessers try first (repeats, sequences, very common passwords).
 */
export type StrengthLevel = 0 | 1 | 2 | 3 | 4;

export interface Strength {
  level: StrengthLevel;
  label: 'Too short' | 'Weak' | 'Fair' | 'Good' | 'Strong';
  hint: string;
}

export const MIN_PASSWORD_LENGTH = 8;

const COMMON = new Set([
  'password', 'password1', 'password123', '12345678', '123456789', '1234567890', 'qwertyuiop', 'qwerty123',
  'iloveyou', 'sunshine', 'princess', 'football', 'baseball', 'welcome1', 'letmein1', 'admin123', 'abc12345',
  'trustno1', 'dragon12', 'passw0rd', 'monkey12', 'starwars', 'whatever', 'superman', 'michelle', 'computer',
]);

export function passwordStrength(password: string): Strength {
  const chars = [...password];
  if (chars.length < MIN_PASSWORD_LENGTH) {
    return { level: 0, label: 'Too short', hint: `Use at least ${MIN_PASSWORD_LENGTH} characters.` };
  }
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || new Set(chars).size <= 2 || isSequence(lower)) {
    return { level: 1, label: 'Weak', hint: 'This is one of the first passwords an attacker tries. Choose something less common.' };
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  const unique = new Set(chars).size;
  let score = chars.length >= 16 ? 3 : chars.length >= 12 ? 2 : 1;
  if (classes >= 3) score += 1;
  if (unique < chars.length / 2) score -= 1;
  const level = Math.max(1, Math.min(4, score)) as StrengthLevel;
  const label = (['Too short', 'Weak', 'Fair', 'Good', 'Strong'] as const)[level];
  const hint =
    level >= 4
      ? 'Keep it somewhere safe: it cannot be recovered.'
      : level === 3
        ? 'A few more words would make it strong.'
        : 'Longer is better: several unrelated words make a strong, memorable password.';
  return { level, label, hint };
}

function isSequence(text: string): boolean {
  const rows = ['abcdefghijklmnopqrstuvwxyz', '0123456789', 'qwertyuiopasdfghjklzxcvbnm'];
  return rows.some((row) => row.includes(text) || [...row].reverse().join('').includes(text));
}
