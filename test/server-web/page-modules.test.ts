import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROBLEMS, PROBLEM_CODES, type ProblemCode } from '../../shared/admin-api';
import { WEB_ROOT } from './web-server';

/** The page's modules are plain browser JS (no DOM needed for these two); load them as they are. */
interface ApiModule {
  ApiError: new (problem: Record<string, unknown>, retryAfterSeconds: number | null) => Error;
  NetworkError: new (cause: unknown) => Error;
}
interface MessagesModule {
  describeError(error: unknown, now?: Date): string;
  mustRestartSignIn(error: unknown): boolean;
}
interface FormatModule {
  groupKey(secret: string): string[];
  normalizeCode(typed: string): string | null;
}
const load = async <T>(rel: string): Promise<T> => (await import(pathToFileURL(join(WEB_ROOT, rel)).href)) as T;
const { ApiError, NetworkError } = await load<ApiModule>('lib/api.js');
const { describeError, mustRestartSignIn } = await load<MessagesModule>('lib/messages.js');
const { groupKey, normalizeCode } = await load<FormatModule>('lib/format.js');

const problem = (code: string, extra: Record<string, unknown> = {}) => {
  const known = (PROBLEMS as Record<string, { status: number; title: string }>)[code];
  return new ApiError({ type: `urn:twofold:problem:${code}`, title: known?.title ?? 'Error', status: known?.status ?? 500, detail: '', code, ...extra }, null);
};

describe('self-service page: error sentences', () => {
  it.each(PROBLEM_CODES)('has its own sentence for the problem code %s', (code: ProblemCode) => {
    const sentence = describeError(problem(code));
    expect(sentence).not.toMatch(/^The server refused the request|^Something unexpected/);
    expect(sentence).toMatch(/^[A-Z].*\.$/);
  });

  it('gives the time to try again for too-many-attempts, from lockedUntil or Retry-After', () => {
    const now = new Date('2026-11-23T20:00:00Z');
    const fromBody = describeError(problem('too-many-attempts', { lockedUntil: '2026-11-23T20:15:00Z' }), now);
    expect(fromBody).toContain('(in 15 minutes)');
    const header = new ApiError({ type: 'about:blank', title: 'Too Many Requests', status: 429, detail: '', code: 'http-429' }, 90);
    expect(describeError(header, now)).toContain('(in 2 minutes)');
    expect(describeError(problem('too-many-attempts', { lockedUntil: null }), now)).toContain('An administrator has to reset');
  });

  it('says plainly when the server was not reached, and describes unknown failures by status', () => {
    expect(describeError(new NetworkError(new TypeError('Failed to fetch')))).toMatch(/^The server could not be reached\./);
    const html = new ApiError({ type: 'about:blank', title: 'Bad Gateway', status: 502, detail: '', code: 'http-502' }, null);
    expect(describeError(html)).toBe('The server ran into a problem (HTTP 502). Try again in a moment.');
  });

  it('restarts sign-in for spent or expired tickets but not for a wrong code', () => {
    expect(mustRestartSignIn(problem('challenge-expired'))).toBe(true);
    expect(mustRestartSignIn(problem('unauthenticated', { restartLogin: true }))).toBe(true);
    expect(mustRestartSignIn(problem('mfa-code-invalid'))).toBe(false);
    expect(mustRestartSignIn(new NetworkError(null))).toBe(false);
  });
});

describe('self-service page: formatting', () => {
  it('groups a key in fours and accepts codes typed with spaces or dashes', () => {
    expect(groupKey('jbswy3dpehpk3pxpjbswy3dpehpk3pxp')).toEqual(['JBSW', 'Y3DP', 'EHPK', '3PXP', 'JBSW', 'Y3DP', 'EHPK', '3PXP']);
    expect(normalizeCode('123 456')).toBe('123456');
    expect(normalizeCode('123-456')).toBe('123456');
    expect(normalizeCode('12345')).toBeNull();
    expect(normalizeCode('12a456')).toBeNull();
  });
});

describe('self-service page: vendored QR encoder', () => {
  it('is the current build of the installed qrcode package (run node server/web/build-vendor.mjs)', async () => {
    const { bundleQrEncoder, VENDOR_FILE } = (await import(pathToFileURL(join(WEB_ROOT, '..', 'build-vendor.mjs')).href)) as {
      bundleQrEncoder(): Promise<string>;
      VENDOR_FILE: string;
    };
    expect(readFileSync(VENDOR_FILE, 'utf8')).toBe(await bundleQrEncoder());
  });
});
