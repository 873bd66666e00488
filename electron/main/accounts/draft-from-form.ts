import { AccountDraftSchema, isSameAccount, type Account, type AccountDraft, type OtpParams } from '../../../shared/otp/account';
import { normalizeBase32 } from '../../../shared/otp/base32';
import type { TypedAccount } from '../../../shared/ipc/accounts-channels';

/** A typed account that cannot be added, with the form field to point at. */
export class AccountInputError extends Error {
  override readonly name = 'AccountInputError';
  constructor(
    readonly code: 'invalid-account' | 'duplicate-account',
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const MAX_PERIOD_SECONDS = 86_400;

/**
 * Builds a draft from the "Add account" form, checking each field with a message that says
 * what to type instead. The key is normalized like a key read from a URI (spaces, hyphens, lower
 * case and padding are fine; RFC 4648 §6 base32) and errors from that name the field 'secret'.
 *
 * Key material: `input.secret` and the returned draft hold the shared secret.
 */
export function draftFromTypedAccount(input: TypedAccount): AccountDraft {
  const issuer = input.issuer.trim();
  const name = input.name.trim();
  if (issuer === '' && name === '') {
    throw new AccountInputError('invalid-account', 'Enter the issuer (the service, e.g. GitHub) or the account name (e.g. your email address).', 'issuer');
  }
  const secret = normalizeBase32(input.secret);
  const otp = otpParams(input, secret);
  const parsed = AccountDraftSchema.safeParse({
    issuer,
    name,
    otp,
    tags: input.tags,
    favourite: input.favourite,
    note: input.note,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.path[0] === 'tags') throw new AccountInputError('invalid-account', issue.message, 'tags');
    const field = String(issue?.path.at(-1) ?? 'account');
    throw new AccountInputError('invalid-account', `The ${field} is not valid: ${issue?.message ?? 'check it'}.`, field);
  }
  return parsed.data;
}

function otpParams(input: TypedAccount, secret: string): OtpParams {
  if (input.type === 'steam') return { type: 'steam', secret, algorithm: 'SHA1', digits: 5, period: 30 };
  if (!Number.isInteger(input.digits) || input.digits < 6 || input.digits > 8) {
    throw new AccountInputError('invalid-account', 'Digits must be 6, 7 or 8 (most services use 6).', 'digits');
  }
  if (input.type === 'hotp') {
    if (!Number.isSafeInteger(input.counter) || input.counter < 0) {
      throw new AccountInputError('invalid-account', 'The counter must be a whole number, 0 or more (new HOTP accounts start at 0).', 'counter');
    }
    return { type: 'hotp', secret, algorithm: input.algorithm, digits: input.digits, counter: input.counter };
  }
  if (!Number.isInteger(input.period) || input.period < 1 || input.period > MAX_PERIOD_SECONDS) {
    throw new AccountInputError('invalid-account', `The period must be between 1 and ${MAX_PERIOD_SECONDS} seconds (most services use 30).`, 'period');
  }
  return { type: 'totp', secret, algorithm: input.algorithm, digits: input.digits, period: input.period };
}

/** Refuses an account the vault already holds (same key, type, issuer and name). */
export function assertNotDuplicate(existing: readonly Account[], draft: AccountDraft): void {
  const twin = existing.find((account) => isSameAccount(account, draft));
  if (twin) {
    const label = [twin.issuer, twin.name].filter(Boolean).join(' – ');
    throw new AccountInputError('duplicate-account', `"${label}" is already in the vault with this key. Nothing was added.`, 'secret');
  }
}
