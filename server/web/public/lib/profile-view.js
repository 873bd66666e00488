// @ts-check
/**
 * The profile: who is signed in, the state of their two-step verification, the policy that
 * applies, and the actions it allows (set up, turn off). The server decides; this view only
 * explains (DESIGN.md: the client pre-checks rules to explain them, never instead of the server).
 */
import { $ } from './dom.js';
import { formatDateTime } from './format.js';
import { describeRemaining } from './recovery-view.js';

const POLICY_SENTENCES = {
  Required: 'Policy: Required. Your organization requires two-step verification for every account.',
  Optional: 'Policy: Optional. You can choose whether to use two-step verification.',
  Disabled: 'Policy: Disabled. Two-step verification is not used on this server, so there is nothing to set up.',
};

/**
 * @param {import('./api.js').MeMfa} mfa
 * @returns {{ badge: string, tone: 'on' | 'off' | 'warn', summary: string }}
 */
function describeStatus(mfa) {
  if (mfa.enrolled && mfa.locked) {
    const until = mfa.lockedUntil ? `until ${formatDateTime(mfa.lockedUntil)}` : 'until an administrator resets it';
    return { badge: 'Locked', tone: 'warn', summary: `Too many wrong codes were entered, so code checks are paused ${until}.` };
  }
  if (mfa.enrolled) {
    const since = mfa.enrolledAt ? ` Turned on ${formatDateTime(mfa.enrolledAt)}.` : '';
    const used = mfa.lastUsedAt ? ` Last used ${formatDateTime(mfa.lastUsedAt)}.` : '';
    return { badge: 'On', tone: 'on', summary: `Signing in asks for a code from your authenticator app.${since}${used}` };
  }
  if (mfa.pendingEnrollment) {
    return { badge: 'Not finished', tone: 'warn', summary: 'You started setting up an authenticator app but did not confirm it with a code. Set it up again to get a new key.' };
  }
  return { badge: 'Off', tone: 'off', summary: 'Signing in asks only for your password. An authenticator app protects your account even if your password leaks.' };
}

/**
 * @param {import('./api.js').MeMfa} mfa
 * @returns {string} why the user cannot turn it off, or '' when they can
 */
function disableExplanation(mfa) {
  if (mfa.canDisable) return '';
  if (mfa.enforcementMode === 'Required') return 'Your organization requires two-step verification, so you cannot turn it off. Ask an administrator if you lost your authenticator.';
  if (mfa.required) return 'An administrator requires two-step verification for your account, so you cannot turn it off.';
  return 'Two-step verification cannot be turned off for your account right now.';
}

/**
 * @param {import('./api.js').SessionUser} user
 * @param {import('./api.js').MeMfa} mfa
 */
export function renderProfile(user, mfa) {
  const view = $('#view-profile');
  $('[data-profile-username]', view).textContent = user.username;
  // Password managers pair a password with the account it belongs to through a username field.
  for (const field of view.querySelectorAll('[data-account-name]')) /** @type {HTMLInputElement} */ (field).value = user.username;
  const extra = !user.isServerAdmin && user.permissions.length > 0 ? ` (may ${user.permissions.map((p) => p.replace(':', ' ')).join(', ')})` : '';
  $('[data-profile-role]', view).textContent = user.isServerAdmin ? 'Server Admin' : `Member${extra}`;

  const status = describeStatus(mfa);
  const badge = $('[data-mfa-badge]', view);
  badge.textContent = status.badge;
  badge.dataset.tone = status.tone;
  $('[data-mfa-summary]', view).textContent = status.summary;
  $('[data-mfa-policy]', view).textContent = POLICY_SENTENCES[mfa.enforcementMode];

  const deadline = $('[data-mfa-deadline]', view);
  deadline.hidden = !mfa.enrollBy;
  deadline.textContent = mfa.enrollBy
    ? `Set up two-step verification by ${formatDateTime(mfa.enrollBy)}. After that, signing in will ask you to set it up before anything else.`
    : '';

  const remaining = describeRemaining(mfa.recoveryCodesRemaining);
  const recoveryBlock = $('[data-recovery-block]', view);
  recoveryBlock.hidden = !mfa.enrolled || remaining === null;
  const recoverySummary = $('[data-recovery-summary]', view);
  recoverySummary.textContent = remaining ? `Recovery codes: ${remaining.text}` : '';
  recoverySummary.className = remaining?.warn ? 'recovery-warning' : '';
  if (recoveryBlock.hidden) closeSubform($('#recovery-open'), $('#recovery-form'));

  const canEnroll = !mfa.enrolled && mfa.enforcementMode !== 'Disabled';
  const enrollBlock = $('[data-enroll-block]', view);
  enrollBlock.hidden = !canEnroll;
  if (!canEnroll) closeSubform($('#enroll-open'), $('#enroll-start-form'));
  $('#enroll-open').textContent = mfa.pendingEnrollment ? 'Set up authenticator again' : 'Set up authenticator';

  const disableBlock = $('[data-disable-block]', view);
  disableBlock.hidden = !mfa.enrolled;
  const explanation = disableExplanation(mfa);
  /** @type {HTMLButtonElement} */ ($('#disable-open')).disabled = explanation !== '';
  $('[data-disable-explain]', view).textContent = explanation;
  if (!mfa.enrolled || explanation !== '') closeSubform($('#disable-open'), $('#disable-form'));
}

/**
 * Opens a sub-form (password re-entry, turn off) under its button and focuses its first field.
 * @param {HTMLButtonElement} opener
 * @param {HTMLFormElement} form
 */
export function openSubform(opener, form) {
  form.hidden = false;
  opener.hidden = true;
  opener.setAttribute('aria-expanded', 'true');
  const first = /** @type {HTMLInputElement | null} */ (form.querySelector('input:not([hidden])'));
  if (first) first.focus();
}

/**
 * @param {HTMLButtonElement} opener
 * @param {HTMLFormElement} form
 */
export function closeSubform(opener, form) {
  form.hidden = true;
  form.reset();
  opener.hidden = false;
  opener.setAttribute('aria-expanded', 'false');
  for (const error of form.querySelectorAll('[data-error]')) error.textContent = '';
}
