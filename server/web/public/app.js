// @ts-check
/**
 * The self-service page of the reference server: sign in (password, then the TOTP step, or the
 * enrollment step when the policy requires MFA and the user has none), and a profile to set up
 * or turn off two-step verification. No framework: one static page, a few ES modules, and the
 * admin API (DESIGN.md "Admin API"). The server enforces every rule; the page explains.
 *
 * Key material in this module: passwords and codes are read from the forms and sent once; the
 * sign-in ticket is kept in `signIn.ticket` only until the sign-in finishes or restarts.
 */
import { api } from './lib/api.js';
import { $, announce, currentView, markInvalid, setError, showView, whileBusy } from './lib/dom.js';
import { clearEnrollView, copyEnrollKey, enrollContext, showEnrollView } from './lib/enroll-view.js';
import { normalizeCode } from './lib/format.js';
import { describeError, isSessionGone, mustRestartSignIn, problemCode } from './lib/messages.js';
import { closeSubform, openSubform, renderProfile } from './lib/profile-view.js';
import {
  clearRecoveryCodes,
  codePromptMode,
  copyRecoveryCodes,
  describeRemaining,
  downloadRecoveryCodes,
  recoveryCodesAcknowledged,
  setCodePromptMode,
  showRecoveryCodes,
  typedRecoveryCode,
} from './lib/recovery-view.js';

/** @type {{ ticket: string | null }} */
const signIn = { ticket: null };

/** What the profile announces once the user has saved the recovery codes on screen. */
const afterRecoveryCodes = { notice: '' };

const forms = {
  signIn: /** @type {HTMLFormElement} */ ($('#sign-in-form')),
  totp: /** @type {HTMLFormElement} */ ($('#totp-form')),
  enroll: /** @type {HTMLFormElement} */ ($('#enroll-form')),
  enrollStart: /** @type {HTMLFormElement} */ ($('#enroll-start-form')),
  disable: /** @type {HTMLFormElement} */ ($('#disable-form')),
  recovery: /** @type {HTMLFormElement} */ ($('#recovery-form')),
  recoveryAck: /** @type {HTMLFormElement} */ ($('#recovery-ack-form')),
};
/** @param {string} selector */
const input = (selector) => /** @type {HTMLInputElement} */ ($(selector));
/** @param {string} selector */
const button = (selector) => /** @type {HTMLButtonElement} */ ($(selector));

const CODE_FORMAT = 'Enter the 6 digits your authenticator app shows (spaces are fine).';
const RECOVERY_FORMAT = 'Enter one of your recovery codes: 12 letters and digits, like 7kq4-m2xp-9fhd (spaces and dashes are fine).';
const ENROLLED_NOTICE = 'Two-step verification is on. From now on, signing in asks for a code from your authenticator app.';

/** The signed-in user's name as the profile shows it (for the recovery-code file's heading). */
const profileUsername = () => $('[data-profile-username]').textContent ?? '';

/**
 * Back to the password step. The username stays; the password does not, because the next
 * attempt needs it typed again anyway and it should not linger in the page.
 * @param {{ error?: string, notice?: string }} [why]
 */
function showSignIn(why = {}) {
  signIn.ticket = null;
  clearEnrollView();
  clearRecoveryCodes();
  forms.totp.reset();
  setCodePromptMode('totp');
  input('#sign-in-password').value = '';
  const username = input('#sign-in-username');
  showView('view-sign-in', username.value ? input('#sign-in-password') : username);
  announce($('[data-error]', forms.signIn), why.error ?? '');
  announce($('[data-notice]', forms.signIn), why.notice ?? '');
}

/**
 * Loads who is signed in and their MFA state, then shows the profile.
 * @param {string} [notice] a success message to announce
 */
async function showProfile(notice = '') {
  try {
    const [user, mfa] = await Promise.all([api.me(), api.meMfa()]);
    renderProfile(user, mfa);
    const view = $('#view-profile');
    if (currentView() !== 'view-profile') {
      setError(view, '');
      showView('view-profile');
    }
    announce($('[data-profile-notice]', view), notice);
  } catch (error) {
    if (isSessionGone(error)) {
      // Arriving signed out is normal; losing the session while using the page is worth saying.
      const quiet = currentView() === 'view-loading' && !mustRestartSignIn(error);
      showSignIn(quiet ? {} : { error: describeError(error) });
    } else if (currentView() === 'view-profile') {
      setError($('#view-profile'), describeError(error));
    } else {
      showSignIn({ error: describeError(error) });
    }
  }
}

/**
 * Shows an error from a sign-in step, or restarts sign-in when the ticket is no longer usable.
 * @param {HTMLFormElement} form
 * @param {unknown} error
 * @param {HTMLInputElement} codeInput
 */
function failSignInStep(form, error, codeInput) {
  if (mustRestartSignIn(error)) {
    showSignIn({ error: describeError(error) });
    return;
  }
  setError(form, describeError(error));
  markInvalid(form, [codeInput]);
  codeInput.focus();
  codeInput.select();
}

forms.signIn.addEventListener('submit', (event) => {
  event.preventDefault();
  const username = input('#sign-in-username');
  const password = input('#sign-in-password');
  const missing = [username, password].filter((field) => field.value === '');
  markInvalid(forms.signIn, missing);
  $('[data-notice]', forms.signIn).textContent = '';
  if (missing[0]) {
    setError(forms.signIn, missing.length === 2 ? 'Enter your username and password.' : `Enter your ${missing[0] === username ? 'username' : 'password'}.`);
    missing[0].focus();
    return;
  }
  void whileBusy(forms.signIn, async () => {
    try {
      const result = await api.login(username.value.trim(), password.value);
      setError(forms.signIn, '');
      password.value = '';
      if (result.result === 'authenticated') {
        await showProfile();
      } else if (result.result === 'mfa_required') {
        signIn.ticket = result.challenge.ticket;
        $('[data-username]', $('#view-totp')).textContent = username.value.trim();
        setError(forms.totp, '');
        showView('view-totp', input('#totp-code'));
      } else {
        signIn.ticket = result.challenge.ticket;
        showEnrollView('sign-in', await api.loginEnrollment(result.challenge.ticket));
      }
    } catch (error) {
      if (currentView() !== 'view-sign-in') {
        showSignIn({ error: describeError(error) });
        return;
      }
      setError(forms.signIn, describeError(error));
      const wrong = problemCode(error) === 'invalid-credentials';
      markInvalid(forms.signIn, wrong ? [password] : []);
      (wrong ? password : username).focus();
    }
  });
});

forms.totp.addEventListener('submit', (event) => {
  event.preventDefault();
  const codeInput = input('#totp-code');
  const recovery = codePromptMode() === 'recovery';
  const code = recovery ? typedRecoveryCode(codeInput.value) : normalizeCode(codeInput.value);
  if (!code || !signIn.ticket) {
    setError(forms.totp, recovery ? RECOVERY_FORMAT : CODE_FORMAT);
    markInvalid(forms.totp, [codeInput]);
    codeInput.focus();
    return;
  }
  const ticket = signIn.ticket;
  void whileBusy(forms.totp, async () => {
    try {
      const result = recovery ? await api.loginRecoveryCode(ticket, code) : await api.loginTotp(ticket, code);
      signIn.ticket = null;
      forms.totp.reset();
      setCodePromptMode('totp');
      const left = describeRemaining(result.recoveryCodesRemaining);
      await showProfile(left ? `Signed in with a recovery code; it cannot be used again. ${left.text}` : '');
    } catch (error) {
      failSignInStep(forms.totp, error, codeInput);
    }
  });
});

forms.enroll.addEventListener('submit', (event) => {
  event.preventDefault();
  const codeInput = input('#enroll-code');
  const code = normalizeCode(codeInput.value);
  const context = enrollContext();
  if (!code || (context === 'sign-in' && !signIn.ticket)) {
    setError(forms.enroll, CODE_FORMAT);
    markInvalid(forms.enroll, [codeInput]);
    codeInput.focus();
    return;
  }
  void whileBusy(forms.enroll, async () => {
    try {
      /** @type {string[] | undefined} */
      let codes;
      let username = profileUsername();
      if (context === 'sign-in') {
        // Under Required the enrollment ticket is completed by the TOTP step with a code from
        // the new secret; only then does the server issue the session (DESIGN.md "Shapes").
        const result = await api.loginTotp(/** @type {string} */ (signIn.ticket), code);
        signIn.ticket = null;
        codes = result.recoveryCodes;
        username = result.user.username;
      } else {
        codes = (await api.confirmEnrollment(code)).recoveryCodes;
      }
      clearEnrollView();
      if (codes && codes.length > 0) {
        afterRecoveryCodes.notice = ENROLLED_NOTICE;
        showRecoveryCodes(codes, username);
        return;
      }
      await showProfile(ENROLLED_NOTICE);
    } catch (error) {
      if (context === 'sign-in') {
        failSignInStep(forms.enroll, error, codeInput);
      } else if (isSessionGone(error)) {
        showSignIn({ error: describeError(error) });
      } else {
        setError(forms.enroll, describeError(error));
        markInvalid(forms.enroll, [codeInput]);
        codeInput.focus();
        codeInput.select();
      }
    }
  });
});

$('[data-enroll-cancel]').addEventListener('click', () => {
  const context = enrollContext();
  clearEnrollView();
  if (context === 'sign-in') {
    showSignIn({ notice: 'Sign-in cancelled. Your account needs two-step verification, so you will be asked to set it up the next time you sign in.' });
  } else {
    void showProfile().then(() => showView('view-profile', button('#enroll-open')));
  }
});

$('[data-copy-key]').addEventListener('click', () => void copyEnrollKey());
$('[data-restart]').addEventListener('click', () => {
  input('#sign-in-username').value = '';
  showSignIn();
});

$('[data-use-recovery]').addEventListener('click', () => {
  setCodePromptMode(codePromptMode() === 'recovery' ? 'totp' : 'recovery');
  input('#totp-code').focus();
});
$('[data-recovery-copy]').addEventListener('click', () => void copyRecoveryCodes());
$('[data-recovery-download]').addEventListener('click', () => downloadRecoveryCodes());
forms.recoveryAck.addEventListener('submit', (event) => {
  event.preventDefault();
  if (!recoveryCodesAcknowledged()) return;
  clearRecoveryCodes();
  const notice = afterRecoveryCodes.notice;
  afterRecoveryCodes.notice = '';
  void showProfile(notice);
});

button('#enroll-open').addEventListener('click', () => openSubform(button('#enroll-open'), forms.enrollStart));
button('#disable-open').addEventListener('click', () => openSubform(button('#disable-open'), forms.disable));
button('#recovery-open').addEventListener('click', () => openSubform(button('#recovery-open'), forms.recovery));
for (const [opener, form] of /** @type {const} */ ([
  ['#enroll-open', forms.enrollStart],
  ['#disable-open', forms.disable],
  ['#recovery-open', forms.recovery],
])) {
  $('[data-close]', form).addEventListener('click', () => {
    closeSubform(button(opener), form);
    button(opener).focus();
  });
}

forms.enrollStart.addEventListener('submit', (event) => {
  event.preventDefault();
  const password = input('#enroll-password');
  if (password.value === '') {
    setError(forms.enrollStart, 'Enter your password to continue.');
    markInvalid(forms.enrollStart, [password]);
    password.focus();
    return;
  }
  void whileBusy(forms.enrollStart, async () => {
    try {
      const enrollment = await api.startEnrollment(password.value);
      closeSubform(button('#enroll-open'), forms.enrollStart);
      setError($('#view-profile'), '');
      showEnrollView('profile', enrollment);
    } catch (error) {
      if (isSessionGone(error)) return showSignIn({ error: describeError(error) });
      setError(forms.enrollStart, describeError(error));
      markInvalid(forms.enrollStart, [password]);
      password.focus();
    }
  });
});

forms.disable.addEventListener('submit', (event) => {
  event.preventDefault();
  const password = input('#disable-password');
  const codeInput = input('#disable-code');
  const code = normalizeCode(codeInput.value);
  if (password.value === '' || !code) {
    const field = password.value === '' ? password : codeInput;
    setError(forms.disable, field === password ? 'Enter your password.' : CODE_FORMAT);
    markInvalid(forms.disable, [field]);
    field.focus();
    return;
  }
  void whileBusy(forms.disable, async () => {
    try {
      await api.disableMfa(password.value, code);
      closeSubform(button('#disable-open'), forms.disable);
      await showProfile('Two-step verification is off. Signing in now asks only for your password.');
      button('#enroll-open').focus();
    } catch (error) {
      if (isSessionGone(error)) return showSignIn({ error: describeError(error) });
      const refused = problemCode(error);
      if (refused === 'mfa-required-by-policy' || refused === 'last-enrolled-server-admin' || refused === 'mfa-not-enrolled') {
        // The policy or the account changed since the profile was loaded: refresh what the
        // profile says (the turn-off form closes) and say why at the top of the view.
        await showProfile();
        setError($('#view-profile'), describeError(error));
        $('#profile-title').focus();
        return;
      }
      setError(forms.disable, describeError(error));
      const field = refused === 'invalid-credentials' ? password : codeInput;
      markInvalid(forms.disable, [field]);
      field.focus();
    }
  });
});

forms.recovery.addEventListener('submit', (event) => {
  event.preventDefault();
  const password = input('#recovery-password');
  const codeInput = input('#recovery-code');
  const code = normalizeCode(codeInput.value);
  if (password.value === '' || !code) {
    const field = password.value === '' ? password : codeInput;
    setError(forms.recovery, field === password ? 'Enter your password.' : CODE_FORMAT);
    markInvalid(forms.recovery, [field]);
    field.focus();
    return;
  }
  void whileBusy(forms.recovery, async () => {
    try {
      const { recoveryCodes } = await api.regenerateRecoveryCodes(password.value, code);
      closeSubform(button('#recovery-open'), forms.recovery);
      afterRecoveryCodes.notice = 'New recovery codes are ready; the old ones no longer work.';
      showRecoveryCodes(recoveryCodes, profileUsername());
    } catch (error) {
      if (isSessionGone(error)) return showSignIn({ error: describeError(error) });
      setError(forms.recovery, describeError(error));
      const field = problemCode(error) === 'invalid-credentials' ? password : codeInput;
      markInvalid(forms.recovery, [field]);
      field.focus();
    }
  });
});

button('#sign-out').addEventListener('click', () => {
  const signOut = button('#sign-out');
  signOut.disabled = true;
  api
    .logout()
    .catch((error) => {
      if (!isSessionGone(error)) throw error;
    })
    .then(
      () => showSignIn({ notice: 'You have signed out.' }),
      (error) => setError($('#view-profile'), describeError(error)),
    )
    .finally(() => {
      signOut.disabled = false;
    });
});

void showProfile();
