// @ts-check
/* global document -- browser module; the repository ESLint config assumes Node globals. */
/**
 * The enrollment step, shared by the sign-in flow (policy Required, no session yet) and the
 * profile (signed in). It shows the QR code, the manual key in groups of four and a code field.
 *
 * Key material: the secret and the otpauth URI are written into this view's DOM only while it
 * is shown; `clearEnrollView` removes them (after confirming, cancelling or leaving).
 */
import { $, setError, showView } from './dom.js';
import { formatTime, groupKey } from './format.js';
import { clearQr, renderQr } from './qr.js';

/** @typedef {'sign-in' | 'profile'} EnrollContext */

const LEADS = {
  'sign-in': 'Your organization requires two-step verification for every account. Set up an authenticator app to finish signing in.',
  profile: 'Add this account to an authenticator app. After that, signing in asks for a code from the app as well as your password.',
};
const SUBMIT_LABELS = { 'sign-in': 'Confirm and sign in', profile: 'Turn on' };
const CANCEL_LABELS = { 'sign-in': 'Cancel sign-in', profile: 'Cancel' };

/**
 * @param {EnrollContext} context
 * @param {import('./api.js').EnrollmentStart} enrollment
 */
export function showEnrollView(context, enrollment) {
  const view = $('#view-enroll');
  const form = /** @type {HTMLFormElement} */ ($('#enroll-form'));
  view.dataset.context = context;
  $('[data-enroll-lead]', view).textContent = LEADS[context];
  $('[data-enroll-submit]', view).textContent = SUBMIT_LABELS[context];
  $('[data-enroll-cancel]', view).textContent = CANCEL_LABELS[context];

  renderQr($('[data-qr]', view), enrollment.otpauthUri);
  /** @type {HTMLAnchorElement} */ ($('[data-otpauth-link]', view)).href = enrollment.otpauthUri;

  const key = $('[data-key]', view);
  key.replaceChildren(
    ...groupKey(enrollment.secret).map((group) => {
      const span = document.createElement('span');
      span.textContent = group;
      return span;
    }),
  );
  key.dataset.secret = enrollment.secret;
  $('[data-copy-key]', view).hidden = !navigator.clipboard?.writeText;
  $('[data-copy-status]', view).textContent = '';

  const until = formatTime(enrollment.expiresAt);
  $('[data-enroll-expiry]', view).textContent = until
    ? `Confirm before ${until}; after that, this key stops working and you start again.`
    : 'Confirm soon; this key stops working after a few minutes.';

  form.reset();
  setError(form, '');
  showView('view-enroll');
}

/** Copies the key without its spaces. Key material goes to the clipboard only on request. */
export async function copyEnrollKey() {
  const view = $('#view-enroll');
  const status = $('[data-copy-status]', view);
  try {
    await navigator.clipboard.writeText($('[data-key]', view).dataset.secret ?? '');
    status.textContent = 'Key copied.';
  } catch {
    status.textContent = 'Could not copy; select the key and copy it by hand.';
  }
}

/** @returns {EnrollContext} */
export function enrollContext() {
  return $('#view-enroll').dataset.context === 'profile' ? 'profile' : 'sign-in';
}

export function clearEnrollView() {
  const view = $('#view-enroll');
  clearQr($('[data-qr]', view));
  const key = $('[data-key]', view);
  key.replaceChildren();
  delete key.dataset.secret;
  /** @type {HTMLAnchorElement} */ ($('[data-otpauth-link]', view)).href = '#';
  /** @type {HTMLFormElement} */ ($('#enroll-form')).reset();
}
