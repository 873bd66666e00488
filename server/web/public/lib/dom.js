// @ts-check
/* global document, HTMLElement -- browser module; the repository ESLint config assumes Node globals. */
/** DOM helpers shared by the views: lookup, view switching with focus, errors, busy forms. */

/**
 * @template {Element} [T=HTMLElement]
 * @param {string} selector
 * @param {ParentNode} [root]
 * @returns {T}
 */
export function $(selector, root = document) {
  const element = root.querySelector(selector);
  if (!element) throw new Error(`self-service page: missing element ${selector}`);
  return /** @type {T} */ (element);
}

const TITLES = {
  'view-loading': 'Twofold account',
  'view-sign-in': 'Sign in — Twofold',
  'view-totp': 'Two-step verification — Twofold',
  'view-enroll': 'Set up two-step verification — Twofold',
  'view-recovery-codes': 'Save your recovery codes — Twofold',
  'view-profile': 'Your account — Twofold',
};

/**
 * Shows one view and hides the others, then moves focus into it so keyboard and screen-reader
 * users land on the new step (WCAG 2.2 SC 2.4.3 Focus Order) instead of on a hidden button.
 * @param {keyof typeof TITLES} id
 * @param {HTMLElement} [focusTarget] defaults to the view's heading
 */
export function showView(id, focusTarget) {
  for (const view of document.querySelectorAll('.view')) {
    /** @type {HTMLElement} */ (view).hidden = view.id !== id;
  }
  document.title = TITLES[id];
  const view = $(`#${id}`);
  const target = focusTarget ?? view.querySelector('h1');
  if (target instanceof HTMLElement) target.focus();
}

/** @returns {string} id of the visible view */
export function currentView() {
  const visible = document.querySelector('.view:not([hidden])');
  return visible ? visible.id : '';
}

/**
 * Puts a message into the `[data-error]` region of a form or view (role=alert, so it is
 * announced), or clears it with an empty message.
 * @param {ParentNode} scope
 * @param {string} message
 */
export function setError(scope, message) {
  $('[data-error]', scope).textContent = message;
}

/**
 * Writes a message into a live region (role=alert or role=status) of a view that was just
 * shown. Screen readers announce changes to a live region that is already rendered, not the
 * text a hidden region held when it appeared, so the region is emptied now and filled a moment
 * later (WAI-ARIA 1.2 §6.6.2, live regions).
 * @param {Element} region
 * @param {string} message
 */
export function announce(region, message) {
  region.textContent = '';
  if (message) setTimeout(() => (region.textContent = message), 50);
}

/**
 * Marks the fields a message is about (aria-invalid), so it is announced with the field.
 * @param {HTMLFormElement} form
 * @param {HTMLInputElement[]} invalid
 */
export function markInvalid(form, invalid) {
  for (const input of form.querySelectorAll('input')) {
    if (invalid.includes(input)) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
}

/**
 * Runs a submit handler once at a time: the form's buttons are disabled and the form marked
 * busy while the request runs. What the user typed stays in the fields whatever happens.
 * @param {HTMLFormElement} form
 * @param {() => Promise<void>} task
 */
export async function whileBusy(form, task) {
  if (form.getAttribute('aria-busy') === 'true') return;
  form.setAttribute('aria-busy', 'true');
  const buttons = [...form.querySelectorAll('button')];
  for (const button of buttons) button.disabled = true;
  try {
    await task();
  } finally {
    form.removeAttribute('aria-busy');
    for (const button of buttons) button.disabled = false;
  }
}
