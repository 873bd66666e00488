import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-length';

/**
 * Password rules shared by the reference server (which enforces them wherever a password is set)
 * and the desktop (whose vault-password meter shows the same estimate as advice).
 *
 * The estimator is zxcvbn-ts with its common language package: the `passwords-common` list
 * (49,233 passwords ranked by frequency in leaked password corpora) and the 7,776-word diceware
 * list, from `@zxcvbn-ts/language-common` 4.x, MIT licence (© Dropbox, Inc. and the zxcvbn-ts
 * contributors). Context words (the username, the issuer, "twofold") are passed as user inputs,
 * so a password built from them (`alice2024`, `Twofold!2026`) scores as weakly as it deserves.
 *
 * @see NIST SP 800-63B rev. 4 §3.1.1.2 (blocklist of commonly used, expected or compromised values)
 * @see OWASP ASVS 5.0 6.2.4 (top common passwords refused), 6.2.11 (context-specific words)
 */

export { MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH } from './password-length';
/** zxcvbn score a password being set must reach: 3 = "safely unguessable" (< 10^10 guesses is 3). */
export const MIN_PASSWORD_SCORE = 3;

/** Built on first use: loading the dictionaries costs ~50 ms that a process that never sets a password should not pay. */
let factory: ZxcvbnFactory | null = null;
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({ dictionary: { ...zxcvbnCommon.dictionary }, graphs: zxcvbnCommon.adjacencyGraphs });
  return factory;
}

/**
 * NFKC folds compatibility variants (full-width `ｐａｓｓｗｏｒｄ`, ligatures, superscripts) onto
 * the characters a guesser types, so a blocked password cannot slip through in another form.
 * Servers hash the normalised string too (NIST SP 800-63B rev. 4 §3.1.1.2 asks for normalisation).
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

export type PasswordRefusal = 'too-short' | 'too-long' | 'common' | 'context' | 'guessable';

export interface PasswordVerdict {
  /** 0-4, zxcvbn's score; 0 also for too short. */
  score: 0 | 1 | 2 | 3 | 4;
  /** Why it is refused as a new password, or null when acceptable. */
  refusal: PasswordRefusal | null;
  /** One sentence for the user: what is wrong and what to do. */
  message: string;
}

const PASSPHRASE_HINT = 'Use a passphrase instead: four or more unrelated words, e.g. "orbit lantern fizzy cobalt".';

/**
 * Context words a password must not be built from: "twofold", and each given word as typed, with
 * its separators removed ("Acme VPN" → "acmevpn") and split into its parts of 3+ characters.
 */
export function contextWords(...words: (string | null | undefined)[]): string[] {
  const out = new Set<string>(['twofold']);
  for (const w of words) {
    const lower = w?.trim().toLowerCase();
    if (!lower) continue;
    out.add(lower);
    out.add(lower.replace(/[^\p{L}\p{N}]+/gu, ''));
    for (const part of lower.split(/[^\p{L}\p{N}]+/u)) if (part.length >= 3) out.add(part);
  }
  return [...out].filter(Boolean);
}

function matched(result: ZxcvbnResult, dictionaryName: string): boolean {
  return result.sequence.some((m) => m.pattern === 'dictionary' && (m as { dictionaryName?: string }).dictionaryName === dictionaryName);
}

/**
 * Judges a password someone is about to set. Length counts code points after NFKC.
 * `context`: see `contextWords`.
 */
export function judgePassword(password: string, context: readonly string[] = ['twofold']): PasswordVerdict {
  const normalized = normalizePassword(password);
  const length = [...normalized].length;
  if (length < MIN_PASSWORD_LENGTH) {
    return { score: 0, refusal: 'too-short', message: `The password is too short: use at least ${MIN_PASSWORD_LENGTH} characters. ${PASSPHRASE_HINT}` };
  }
  if (normalized.length > MAX_PASSWORD_LENGTH) {
    return { score: 4, refusal: 'too-long', message: `The password is too long: at most ${MAX_PASSWORD_LENGTH} characters.` };
  }
  // zxcvbn's matching is quadratic in length; beyond 100 characters the prefix decides (a 100-character
  // prefix that scores 4 is not made weak by anything after it).
  const result = estimator().check(normalized.slice(0, 100), [...context]);
  const score = result.score;
  if (score >= MIN_PASSWORD_SCORE) return { score, refusal: null, message: score === 4 ? 'Strong.' : 'Good.' };
  const whole = result.sequence.length === 1;
  if (matched(result, 'userInputs')) {
    return { score, refusal: 'context', message: `The password is built from the username, the issuer or "twofold": those are the first things an attacker tries. ${PASSPHRASE_HINT}` };
  }
  if (whole && matched(result, 'passwords-common')) {
    return { score, refusal: 'common', message: `This is one of the most common passwords; attackers try it first. ${PASSPHRASE_HINT}` };
  }
  if (matched(result, 'passwords-common')) {
    return { score, refusal: 'common', message: `The password is a common password with small changes; attackers try those early. ${PASSPHRASE_HINT}` };
  }
  return { score, refusal: 'guessable', message: `The password is too easy to guess (patterns, sequences, repeats or dates). ${PASSPHRASE_HINT}` };
}
