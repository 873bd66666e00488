import { PROBLEMS, type Problem, type ProblemCode } from '../../../../shared/admin-api';

/**
 * Why a call to an MFA server failed, with a stable kebab-case `code` (the IPC dispatcher passes
 * it through to the admin window) and a message that says what went wrong and what to do.
 * Server problems keep their RFC 9457 `code`; transport failures get codes of their own.
 */
export type TransportErrorCode =
  | 'invalid-server-url'
  | 'insecure-server-url'
  | 'server-unreachable'
  | 'server-timeout'
  | 'tls-error'
  | 'not-a-twofold-server'
  | 'unexpected-response'
  | 'server-not-found'
  | 'not-signed-in'
  | 'window-unavailable'
  | 'vault-locked';

export type AdminErrorCode = ProblemCode | TransportErrorCode;

export class AdminClientError extends Error {
  override readonly name = 'AdminClientError';
  constructor(
    readonly code: AdminErrorCode,
    message: string,
    readonly field?: string,
    /** HTTP status, when the server answered. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * What the admin window says for each documented problem code. The server's `detail` is
 * appended where it names something the user needs (which field, which rule).
 */
export const PROBLEM_MESSAGES: Record<ProblemCode, string> = {
  'validation-failed': 'The server refused the request as not valid.',
  'mfa-code-required': 'This change removes protection, so it needs your current authenticator code. Enter it (or add this server\'s account to your vault) and try again.',
  'password-too-weak': 'The server refused this password as too easy to guess.',
  'misdirected-request': 'The server does not answer for this address. Use the address its operator gave you (its public origin).',
  'too-many-password-attempts': 'Too many wrong passwords: password checks are paused for this account.',
  unauthenticated: 'Your sign-in has ended. Sign in again; what you typed is kept.',
  'invalid-credentials': 'Wrong username or password. Check both and try again.',
  'challenge-invalid': 'The sign-in step is no longer valid. Sign in again with your password.',
  'challenge-expired': 'The sign-in step expired (5 minutes). Sign in again with your password.',
  'challenge-used': 'This sign-in step was already used. Sign in again with your password.',
  forbidden: 'You are not allowed to do this.',
  'mfa-code-invalid': 'The authenticator code is wrong. Check that it is the code for this server (6 digits) and try again.',
  'mfa-code-replayed': 'This code was already used. Wait for the next code (up to 30 seconds) and try again.',
  'recovery-code-invalid': 'The recovery code is wrong. Check it against the list you saved for this server (spaces, dashes and case do not matter).',
  'recovery-code-used': 'This recovery code was already used: each works once. Use another one from your list.',
  'not-found': 'The server does not know this item (it may have been deleted). Reload the list.',
  'mfa-required-by-policy': 'The MFA policy is Required, so you cannot turn off your own two-step sign-in.',
  'policy-caller-not-enrolled': 'You are not enrolled in MFA yourself, and this change needs your own code. Use "Enroll with Twofold" under My MFA first.',
  'policy-no-enrolled-server-admin': 'No Server Admin is enrolled in MFA, so Required would lock every admin out. Enroll a Server Admin first.',
  'cannot-reset-own-mfa': 'You cannot reset your own MFA here. Use My MFA to disable or re-enroll.',
  'last-enrolled-server-admin':
    'This is the last Server Admin enrolled in MFA. Under Required, resetting them would leave no admin able to sign in. Enroll another Server Admin first, or switch the policy away from Required.',
  'last-server-admin': 'This is the last Server Admin. Make another user a Server Admin first.',
  'cannot-delete-self': 'You cannot delete your own account.',
  'mfa-already-enrolled': 'MFA is already enrolled for this account.',
  'mfa-not-enrolled': 'MFA is not enrolled for this account.',
  'enrollment-not-pending': 'No enrollment is waiting to be confirmed. Start the enrollment again.',
  'username-taken': 'This username is taken. Choose another.',
  'precondition-failed': 'Someone else changed this meanwhile. The current version was reloaded; review it and try again.',
  'payload-too-large': 'The request was too large for the server.',
  'unsupported-media-type': 'The server refused the request format. Update Twofold or the server.',
  'precondition-required': 'The server needs the version you read before changing it. Reload and try again.',
  'too-many-attempts': 'Too many wrong authenticator codes: verification is locked for now.',
  'internal-error': 'The server failed to handle the request. Try again later, or ask its operator to check its log.',
};

/** The user-facing error for a problem the server answered. */
export function errorFromProblem(problem: Problem, retryAfterSeconds: number | null, now: number): AdminClientError {
  const code = problem.code;
  let message = PROBLEM_MESSAGES[code] ?? PROBLEMS[code].title;
  if (code === 'too-many-password-attempts') {
    const until = problem.lockedUntil ? Date.parse(problem.lockedUntil) : retryAfterSeconds !== null ? now + retryAfterSeconds * 1000 : NaN;
    message += Number.isFinite(until)
      ? ` Try again after ${new Date(until).toISOString().slice(11, 19)} UTC.`
      : ' An administrator must unlock the account (Users, Unlock).';
  } else if (code === 'password-too-weak') {
    message += ` ${problem.detail}`;
  } else if (code === 'too-many-attempts') {
    const until = problem.lockedUntil ? Date.parse(problem.lockedUntil) : retryAfterSeconds !== null ? now + retryAfterSeconds * 1000 : NaN;
    message += Number.isFinite(until)
      ? ` Try again after ${new Date(until).toISOString().slice(11, 16)} UTC (in about ${Math.max(1, Math.ceil((until - now) / 60_000))} min).`
      : problem.lockedUntil === null
        ? ' It stays locked until an admin resets your MFA.'
        : '';
  } else if (code === 'validation-failed' || code === 'forbidden') {
    message += ` The server says: ${problem.detail}`;
  }
  return new AdminClientError(code, message, problem.field, problem.status);
}
