// @ts-check
/** Small, pure formatting helpers for the self-service page. */

/**
 * Splits a base32 key into groups of four so it can be read and typed without losing one's place.
 * @param {string} secret
 * @returns {string[]}
 */
export function groupKey(secret) {
  const clean = secret.replace(/[\s=]/g, '').toUpperCase();
  return clean.match(/.{1,4}/g) ?? [];
}

/**
 * What the user typed into a code field, as the 6 digits the API expects (spaces and dashes
 * that authenticator apps show between digit groups are dropped). Null when it is not 6 digits.
 * @param {string} typed
 * @returns {string | null}
 */
export function normalizeCode(typed) {
  const digits = typed.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

/**
 * @param {string | null | undefined} iso
 * @returns {string}
 */
export function formatDateTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleString([], { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/**
 * @param {string | null | undefined} iso
 * @returns {string}
 */
export function formatTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
