import { describe, expect, it } from 'vitest';
import {
  PROBLEMS,
  PROBLEM_CODES,
  ROUTE_IDS,
  adminRoutes,
  buildOpenApiDocument,
  buildPath,
  effectivePermissions,
  hasAccess,
  parseProblem,
  policyChangeBlocker,
  routeProblems,
} from '../../shared/admin-api';

describe('shared/admin-api contract', () => {
  it('gives every problem code an HTTP status and a title', () => {
    for (const code of PROBLEM_CODES) {
      expect(PROBLEMS[code].status).toBeGreaterThanOrEqual(400);
      expect(PROBLEMS[code].title.length).toBeGreaterThan(5);
    }
    // The codes DESIGN.md names are all here.
    for (const code of ['validation-failed', 'unauthenticated', 'forbidden', 'not-found', 'invalid-credentials', 'challenge-invalid', 'mfa-code-invalid', 'mfa-code-required', 'too-many-attempts', 'precondition-required', 'precondition-failed', 'policy-caller-not-enrolled', 'policy-no-enrolled-server-admin', 'mfa-required-by-policy', 'cannot-reset-own-mfa', 'last-enrolled-server-admin']) {
      expect(PROBLEM_CODES).toContain(code);
    }
  });

  it('builds paths with encoded parameters and query strings', () => {
    expect(buildPath('resetUserMfa', { id: 'u_a/b' })).toBe('/api/v1/users/u_a%2Fb/mfa/reset');
    expect(buildPath('listUsers', undefined, { status: 'locked', q: 'a b', cursor: undefined, limit: 5 })).toBe('/api/v1/users?status=locked&q=a%20b&limit=5');
    expect(() => buildPath('getUser')).toThrow(/missing path parameter "id"/);
  });

  it('parses problems and rejects other bodies', () => {
    expect(parseProblem({ type: 'urn:x', title: 't', status: 409, detail: 'd', code: 'last-server-admin' })?.code).toBe('last-server-admin');
    expect(parseProblem({ code: 'no-such-code' })).toBeNull();
  });

  it('states the access rules once', () => {
    expect(effectivePermissions('member', ['users:edit'])).toEqual(['users:view', 'users:edit']);
    expect(effectivePermissions('server_admin', [])).toEqual(['users:view', 'users:edit']);
    expect(hasAccess(null, 'anonymous')).toBe(true);
    expect(hasAccess(null, 'user')).toBe(false);
    expect(hasAccess({ role: 'member', permissions: ['users:view'] }, 'users:edit')).toBe(false);
    expect(hasAccess({ role: 'member', permissions: ['users:edit'] }, 'server-admin')).toBe(false);
  });

  it('explains the safeguard in the order the server checks it', () => {
    const base = { target: 'Required', current: 'Optional', callerEnrolled: true, codeSupplied: true, enrolledServerAdmins: 1 } as const;
    expect(policyChangeBlocker(base)).toBeNull();
    expect(policyChangeBlocker({ ...base, enrolledServerAdmins: 0, callerEnrolled: false })).toBe('policy-no-enrolled-server-admin');
    expect(policyChangeBlocker({ ...base, callerEnrolled: false })).toBe('policy-caller-not-enrolled');
    expect(policyChangeBlocker({ ...base, codeSupplied: false })).toBe('mfa-code-required');
    expect(policyChangeBlocker({ ...base, current: 'Required', codeSupplied: false })).toBeNull();
    expect(policyChangeBlocker({ ...base, target: 'Optional', enrolledServerAdmins: 0 })).toBeNull();
    // Step-up: leaving Required or switching MFA off needs the caller's code too.
    const leave = { ...base, target: 'Optional', current: 'Required' } as const;
    expect(policyChangeBlocker({ ...leave, codeSupplied: false })).toBe('mfa-code-required');
    expect(policyChangeBlocker({ ...leave, callerEnrolled: false })).toBe('policy-caller-not-enrolled');
    expect(policyChangeBlocker(leave)).toBeNull();
    expect(policyChangeBlocker({ ...base, target: 'Disabled', current: 'Optional', codeSupplied: false })).toBe('mfa-code-required');
    expect(policyChangeBlocker({ ...base, target: 'Optional', current: 'Disabled', codeSupplied: false })).toBeNull();
  });

  it('generates an OpenAPI operation for every route with its documented problems', () => {
    const doc = buildOpenApiDocument('9.9.9') as { paths: Record<string, Record<string, { operationId: string; responses: Record<string, { description: string }> }>> };
    for (const id of ROUTE_IDS) {
      const def = adminRoutes[id];
      const op = doc.paths[`/api/v1${def.path}`]?.[def.method.toLowerCase()];
      expect(op?.operationId).toBe(id);
      expect(Object.keys(op?.responses ?? {})).toContain(String(def.successStatus));
      for (const code of routeProblems(id)) {
        expect(op?.responses[String(PROBLEMS[code].status)]?.description).toContain(code);
      }
    }
  });
});
