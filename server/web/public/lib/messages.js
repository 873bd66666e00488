// @ts-check
/**
 * Turns every failure the page can meet into a sentence a person can act on: what went wrong and
 * what to do next. The page switches on the problem `code` (stable), never on `title`/`detail`.
 */
import { ApiError, NetworkError } from './api.js';

/** @type {Record<string, string>} */
const SENTENCES = {
  'validation-failed': 'Something in the form is not valid. Check what you typed and try again.',
  'mfa-code-required': 'Enter the 6-digit code from your authenticator app.',
  unauthenticated: 'Your session has ended. Sign in again.',
  'invalid-credentials': 'The username or password is wrong. Check them and try again.',
  'challenge-invalid': 'This sign-in attempt is no longer valid. Sign in again with your password.',
  'challenge-expired': 'This sign-in attempt took longer than 5 minutes and has expired. Sign in again with your password.',
  'challenge-used': 'This sign-in attempt was already completed. Sign in again with your password.',
  forbidden: 'Your account is not allowed to do this. Ask your administrator if you need it.',
  'mfa-code-invalid': 'That code is not right. Check that the app shows this account and the clock of your device is correct, then enter the current code.',
  'mfa-code-replayed': 'That code was already used. Wait for your authenticator app to show a new code and enter it.',
  'recovery-code-invalid': 'That recovery code is not right. Check it against the list you saved for this account; each code has 12 letters and digits.',
  'recovery-code-used': 'This recovery code was already used: each works once. Use another one from your list.',
  'not-found': 'The server does not know this page or account.',
  'mfa-required-by-policy': 'Your organization requires two-step verification, so you cannot turn it off.',
  'last-enrolled-server-admin': 'You are the last Server Admin with two-step verification, so it cannot be turned off while the policy requires it.',
  'mfa-already-enrolled': 'Two-step verification is already on for your account.',
  'mfa-not-enrolled': 'Two-step verification is already off for your account.',
  'enrollment-not-pending': 'There is no setup waiting to be confirmed. Start the setup again.',
  'precondition-failed': 'Someone changed this at the same time. Reload the page to see the latest state, then try again.',
  'precondition-required': 'The page sent an incomplete request. Reload the page and try again.',
  'policy-caller-not-enrolled': 'Set up two-step verification for your own account before changing the policy.',
  'policy-no-enrolled-server-admin': 'No Server Admin has two-step verification yet, so the policy cannot require it.',
  'cannot-reset-own-mfa': 'You cannot reset your own two-step verification here; turn it off from this page or ask another administrator.',
  'last-server-admin': 'This is the last Server Admin, so the change would leave the server without one.',
  'cannot-delete-self': 'You cannot delete your own account.',
  'username-taken': 'This username is taken. Choose another.',
  'payload-too-large': 'What you entered is too long.',
  'unsupported-media-type': 'The page sent a request the server does not understand. Reload the page and try again.',
  'password-too-weak': 'Choose a stronger password: a passphrase of four or more unrelated words is strong and easy to remember.',
  'misdirected-request': 'The server does not answer at this address. Open the page at the address your administrator gave you.',
  'internal-error': 'The server ran into a problem. Try again in a moment; if it keeps happening, tell your administrator.',
};

/**
 * @param {Date} when
 * @param {Date} now
 */
function describeLockEnd(when, now) {
  const minutes = Math.max(1, Math.ceil((when.getTime() - now.getTime()) / 60_000));
  const clock = when.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return `Try again at ${clock} (in ${minutes} minute${minutes === 1 ? '' : 's'}).`;
}

/**
 * The sentence for a too-many-attempts problem: when verification opens again, from the
 * problem's `lockedUntil` or else the Retry-After header.
 * @param {ApiError} error
 * @param {Date} now
 */
function describeTooManyAttempts(error, now) {
  const lead = 'Too many wrong codes were entered, so code checks are paused for this account.';
  const until = error.problem.lockedUntil;
  if (until === null) return `${lead} An administrator has to reset your two-step verification before you can sign in.`;
  if (typeof until === 'string' && !Number.isNaN(Date.parse(until))) return `${lead} ${describeLockEnd(new Date(until), now)}`;
  if (error.retryAfterSeconds !== null) return `${lead} ${describeLockEnd(new Date(now.getTime() + error.retryAfterSeconds * 1000), now)}`;
  return `${lead} Wait a while, then try again.`;
}

/**
 * The sentence for a too-many-password-attempts problem: password checks are paused.
 * @param {ApiError} error
 * @param {Date} now
 */
function describeTooManyPasswords(error, now) {
  const lead = 'Too many wrong passwords were entered, so password checks are paused for this account.';
  const until = error.problem.lockedUntil;
  if (until === null) return `${lead} An administrator has to unlock your account.`;
  if (typeof until === 'string' && !Number.isNaN(Date.parse(until))) return `${lead} ${describeLockEnd(new Date(until), now)}`;
  if (error.retryAfterSeconds !== null) return `${lead} ${describeLockEnd(new Date(now.getTime() + error.retryAfterSeconds * 1000), now)}`;
  return `${lead} Wait a while, then try again.`;
}

/**
 * @param {unknown} error anything a call threw
 * @param {Date} [now] for the retry time of 429s
 * @returns {string}
 */
export function describeError(error, now = new Date()) {
  if (error instanceof NetworkError) {
    return 'The server could not be reached. Check your network connection, then try again. Nothing you typed was lost.';
  }
  if (error instanceof ApiError) {
    const { code, status } = error.problem;
    if (code === 'too-many-password-attempts') return describeTooManyPasswords(error, now);
    if (code === 'too-many-attempts' || status === 429) return describeTooManyAttempts(error, now);
    // The server says which rule the password broke (common, built from the username, too short).
    if (code === 'password-too-weak' && error.problem.detail) return error.problem.detail;
    if (code === 'unauthenticated' && error.problem.restartLogin) {
      return 'Your organization now requires two-step verification. Sign in again with your password and an authenticator code.';
    }
    const sentence = SENTENCES[code];
    if (sentence) return sentence;
    if (status >= 500) return `The server ran into a problem (HTTP ${status}). Try again in a moment.`;
    return `The server refused the request (HTTP ${status}${error.problem.title ? `: ${error.problem.title}` : ''}).`;
  }
  return 'Something unexpected went wrong on this page. Reload it and try again.';
}

/**
 * True when the sign-in has to start over from the password step (the ticket is gone).
 * @param {unknown} error
 */
export function mustRestartSignIn(error) {
  if (!(error instanceof ApiError)) return false;
  return error.problem.restartLogin === true || error.problem.code.startsWith('challenge-');
}

/** @param {unknown} error */
export function isSessionGone(error) {
  return error instanceof ApiError && error.problem.code === 'unauthenticated';
}

/**
 * @param {unknown} error
 * @returns {string} the problem code, or '' when the server did not answer with a problem
 */
export function problemCode(error) {
  return error instanceof ApiError ? error.problem.code : '';
}
