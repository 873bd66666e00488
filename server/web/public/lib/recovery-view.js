// @ts-check
/* global document, location -- browser module; the repository ESLint config assumes Node globals. */
/**
 * Recovery codes on the self-service page: the one-time display after enrollment or a new set
 * (Copy all, Download .txt, "I have saved them"), and the code prompt's switch between an
 * authenticator code and a recovery code.
 *
 * Key material: the codes are written into this view's DOM only while it is shown and removed
 * by `clearRecoveryCodes` when the user continues; they go to the clipboard or a file only when
 * the user asks. NIST SP 800-63B §5.1.2: look-up secrets, each usable once.
 */
import { $, setError, showView } from './dom.js';

/** @type {{ codes: string[], username: string }} */
const shown = { codes: [], username: '' };

/**
 * @param {string[]} codes as the server formats them (`7kq4-m2xp-9fhd`)
 * @param {string} username for the file's heading
 */
export function showRecoveryCodes(codes, username) {
  const view = $('#view-recovery-codes');
  shown.codes = [...codes];
  shown.username = username;
  $('[data-recovery-list]', view).replaceChildren(
    ...codes.map((code) => {
      const item = document.createElement('li');
      item.textContent = code;
      return item;
    }),
  );
  $('[data-recovery-copy]', view).hidden = !navigator.clipboard?.writeText;
  $('[data-recovery-status]', view).textContent = '';
  const form = /** @type {HTMLFormElement} */ ($('#recovery-ack-form'));
  form.reset();
  setError(form, '');
  showView('view-recovery-codes');
}

export function clearRecoveryCodes() {
  shown.codes = [];
  $('[data-recovery-list]', $('#view-recovery-codes')).replaceChildren();
}

/**
 * The text of the copied list and the downloaded file: a heading that says what the codes are
 * for, then one code per line (the format the Twofold desktop app and password managers read).
 * @param {string[]} codes
 * @param {string} username
 * @param {string} host
 * @param {Date} now
 */
export function recoveryCodesText(codes, username, host, now) {
  return [
    `Twofold recovery codes for ${username} on ${host}`,
    `Created ${now.toISOString().slice(0, 10)}. Each code works once, in place of a 6-digit code.`,
    '',
    ...codes,
    '',
  ].join('\n');
}

export async function copyRecoveryCodes() {
  const status = $('[data-recovery-status]', $('#view-recovery-codes'));
  try {
    await navigator.clipboard.writeText(shown.codes.join('\n'));
    status.textContent = 'All 10 codes copied.';
  } catch {
    status.textContent = 'Could not copy; select the codes and copy them by hand, or download them.';
  }
}

export function downloadRecoveryCodes() {
  const text = recoveryCodesText(shown.codes, shown.username, location.host, new Date());
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `twofold-recovery-codes-${shown.username}.txt`;
  document.body.append(link);
  link.click();
  link.remove();
  // The object URL holds the codes; release it once the download has started.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  $('[data-recovery-status]', $('#view-recovery-codes')).textContent = 'Downloaded. Keep the file somewhere safe.';
}

/** True once the user ticked "I have saved them"; otherwise says why they cannot continue yet. */
export function recoveryCodesAcknowledged() {
  const form = /** @type {HTMLFormElement} */ ($('#recovery-ack-form'));
  const box = /** @type {HTMLInputElement} */ ($('#recovery-saved'));
  if (box.checked) return true;
  setError(form, 'Save the codes (copy, download or write them down), then tick “I have saved them”. They are not shown again.');
  box.setAttribute('aria-invalid', 'true');
  box.focus();
  return false;
}

const CODE_MODE = {
  totp: {
    label: '6-digit code',
    hint: 'The code changes every 30 seconds.',
    toggle: 'Use a recovery code',
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    maxLength: 7,
  },
  recovery: {
    label: 'Recovery code',
    hint: 'One of the codes you saved when you set up two-step verification, like 7kq4-m2xp-9fhd. Each works once.',
    toggle: 'Use the authenticator app instead',
    inputmode: 'text',
    autocomplete: 'off',
    maxLength: 24,
  },
};

/** @returns {'totp' | 'recovery'} */
export function codePromptMode() {
  return $('#totp-form').dataset.mode === 'recovery' ? 'recovery' : 'totp';
}

/**
 * Switches the code prompt between an authenticator code and a recovery code; the field is
 * emptied and focused so what was typed for one is never sent as the other.
 * @param {'totp' | 'recovery'} mode
 */
export function setCodePromptMode(mode) {
  const form = $('#totp-form');
  const settings = CODE_MODE[mode];
  form.dataset.mode = mode;
  $('[data-totp-label]', form).textContent = settings.label;
  $('[data-totp-hint]', form).textContent = settings.hint;
  $('[data-use-recovery]', form).textContent = settings.toggle;
  const field = /** @type {HTMLInputElement} */ ($('#totp-code'));
  field.value = '';
  field.inputMode = settings.inputmode;
  field.autocomplete = /** @type {AutoFill} */ (settings.autocomplete);
  field.maxLength = settings.maxLength;
  if (mode === 'recovery') field.removeAttribute('pattern');
  else field.setAttribute('pattern', '[0-9 ]*');
  field.removeAttribute('aria-invalid');
  setError(form, '');
}

/**
 * What the user typed as a recovery code, trimmed, or null when it cannot be one (the server
 * normalizes spaces, dashes and case itself and says exactly what is wrong with the rest).
 * @param {string} typed
 */
export function typedRecoveryCode(typed) {
  const compact = typed.replace(/[\s-]/g, '');
  return compact.length === 12 ? typed.trim() : null;
}

/**
 * The profile's line about recovery codes, and whether it should warn (2 or fewer left).
 * @param {number | null | undefined} remaining
 * @returns {{ text: string, warn: boolean } | null}
 */
export function describeRemaining(remaining) {
  if (remaining === null || remaining === undefined) return null;
  if (remaining === 0) return { text: 'You have no recovery codes left. Get new ones so you can still sign in if you lose your authenticator.', warn: true };
  const count = `${remaining} recovery code${remaining === 1 ? '' : 's'} left`;
  if (remaining <= 2) return { text: `Only ${count}. Get new ones soon.`, warn: true };
  return { text: `${count} (of 10).`, warn: false };
}
