// @ts-check
/**
 * The admin API as the self-service page uses it: same-origin `fetch` with the session cookie
 * (HttpOnly, SameSite=Strict, set by the server), JSON in, JSON or RFC 9457 problems out.
 * Every failure becomes an `ApiError` (the server answered with a problem) or a `NetworkError`
 * (it did not answer), so the views can say in words what went wrong.
 *
 * Key material flows through here: passwords, sign-in tickets, and the TOTP secret returned by
 * the enrollment calls. Nothing in this module stores or logs any of them.
 *
 * @see RFC 9457 (problem details), DESIGN.md "Admin API" for the field names.
 */

export const API_BASE = '/api/v1';

/**
 * @typedef {{ type: string, title: string, status: number, detail: string, code: string,
 *   field?: string, lockedUntil?: string | null, restartLogin?: boolean }} Problem
 * @typedef {{ id: string, username: string, roles: string[], isServerAdmin: boolean, permissions: string[] }} SessionUser
 * @typedef {{ result: 'authenticated', user: SessionUser, sessionExpiresAt?: string, recoveryCodes?: string[],
 *   recoveryCodesRemaining?: number, enrollmentDue?: { enrollBy: string } }} Authenticated
 * @typedef {{ result: 'mfa_required' | 'mfa_enrollment_required', challenge: { ticket: string, expiresAt: string } }} Challenge
 * @typedef {{ otpauthUri: string, secret: string, expiresAt: string }} EnrollmentStart
 * @typedef {{ enrolled: boolean, enrolledAt: string | null, pendingEnrollment: boolean,
 *   enforcementMode: 'Disabled' | 'Optional' | 'Required', canDisable: boolean,
 *   locked?: boolean, lockedUntil?: string | null, lastUsedAt?: string | null,
 *   recoveryCodesRemaining?: number | null, required?: boolean, enrollBy?: string | null }} MeMfa
 */

/** The server answered with an error; `problem.code` says which. */
export class ApiError extends Error {
  /**
   * @param {Problem} problem
   * @param {number | null} retryAfterSeconds from the Retry-After header (RFC 9110 §10.2.3), if any
   */
  constructor(problem, retryAfterSeconds) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The request never got an answer (server down, connection lost, blocked). */
export class NetworkError extends Error {
  /** @param {unknown} cause */
  constructor(cause) {
    super('The server could not be reached', { cause });
    this.name = 'NetworkError';
  }
}

/**
 * @param {Response} response
 * @returns {Promise<Problem>}
 */
async function readProblem(response) {
  /** @type {unknown} */
  let body;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (body && typeof body === 'object' && typeof (/** @type {{code?: unknown}} */ (body).code) === 'string') {
    return /** @type {Problem} */ (body);
  }
  // Not one of our problems (a proxy's HTML error page, say): describe it by its status.
  return { type: 'about:blank', title: response.statusText || 'Error', status: response.status, detail: '', code: `http-${response.status}` };
}

/**
 * @param {string} header
 * @returns {number | null}
 */
function parseRetryAfter(header) {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.round((date - Date.now()) / 1000));
}

/**
 * @param {'GET' | 'POST'} method
 * @param {string} path relative to API_BASE
 * @param {unknown} [body] sent as JSON; omitted means no body and no Content-Type (Fastify
 *   refuses an empty body that claims to be JSON)
 * @returns {Promise<any>} the parsed JSON, or null for 204
 */
export async function request(method, path, body) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' };
  /** @type {RequestInit} */
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(API_BASE + path, init);
  } catch (cause) {
    throw new NetworkError(cause);
  }
  if (!response.ok) {
    throw new ApiError(await readProblem(response), parseRetryAfter(response.headers.get('Retry-After') ?? ''));
  }
  if (response.status === 204) return null;
  try {
    return await response.json();
  } catch (cause) {
    throw new NetworkError(cause);
  }
}

export const api = {
  /** @returns {Promise<SessionUser>} */
  me: () => request('GET', '/me'),
  /** @returns {Promise<MeMfa>} */
  meMfa: () => request('GET', '/me/mfa'),
  /**
   * @param {string} username
   * @param {string} password
   * @returns {Promise<Authenticated | Challenge>}
   */
  login: (username, password) => request('POST', '/auth/login', { username, password, issue: 'session' }),
  /**
   * @param {string} ticket
   * @param {string} code
   * @returns {Promise<Authenticated>}
   */
  loginTotp: (ticket, code) => request('POST', '/auth/login/totp', { ticket, code }),
  /**
   * Key material: a recovery code, accepted once in place of the TOTP code.
   * @param {string} ticket
   * @param {string} recoveryCode
   * @returns {Promise<Authenticated>}
   */
  loginRecoveryCode: (ticket, recoveryCode) => request('POST', '/auth/login/totp', { ticket, recoveryCode }),
  /**
   * @param {string} ticket
   * @returns {Promise<EnrollmentStart>}
   */
  loginEnrollment: (ticket) => request('POST', '/auth/login/enrollment', { ticket }),
  /**
   * @param {string} password
   * @returns {Promise<EnrollmentStart>}
   */
  startEnrollment: (password) => request('POST', '/me/mfa/enrollment', { password }),
  /**
   * @param {string} code
   * @returns {Promise<{ enrolled: true, recoveryCodes: string[] }>}
   */
  confirmEnrollment: (code) => request('POST', '/me/mfa/enrollment/confirm', { code }),
  /**
   * Key material: answers the new recovery codes, once; the old set stops working.
   * @param {string} password
   * @param {string} code
   * @returns {Promise<{ recoveryCodes: string[] }>}
   */
  regenerateRecoveryCodes: (password, code) => request('POST', '/me/mfa/recovery-codes', { password, code }),
  /**
   * @param {string} password
   * @param {string} code
   * @returns {Promise<null>}
   */
  disableMfa: (password, code) => request('POST', '/me/mfa/disable', { password, code }),
  /** @returns {Promise<null>} */
  logout: () => request('POST', '/auth/logout'),
};
