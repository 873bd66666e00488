import { describe, expect, it } from 'vitest';
import { PASSWORD, startHarness, type Harness } from './support';

/** A small seeded PRNG so a failing round can be replayed. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ (t + t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Admin {
  id: string;
  key: string;
  secret: string;
}

async function round(seed: number): Promise<{ required: boolean; enrolledAdmins: number }> {
  const h: Harness = await startHarness();
  try {
    const admins: Admin[] = [];
    for (const name of ['a1', 'a2', 'a3', 'a4', 'a5']) {
      const id = await h.addUser(name, 'server_admin');
      const key = await h.apiKey(name);
      admins.push({ id, key, secret: await h.enroll(key) });
    }
    await h.addUser('editor', 'member', ['users:edit']);
    const editorKey = await h.apiKey('editor');
    const etag = String((await h.req('GET', '/api/v1/mfa/policy', { token: admins[0]?.key })).headers.etag);
    const rnd = mulberry32(seed);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const codeOf = (a: Admin) => h.code(a.secret, h.clock.now() + (Math.floor(rnd() * 3) - 1) * 30_000);

    const ops: (() => Promise<{ statusCode: number }>)[] = [];
    for (let i = 0; i < 100; i++) {
      const a = pick(admins);
      const b = pick(admins);
      // Mostly resets and self-disables (they remove enrolled admins), some role changes and
      // deletions, and switches to Required spread through the batch.
      const kind = i % 10 === 0 ? 'policy' : pick(['reset', 'reset', 'disable', 'disable', 'demote', 'delete', 'editor-reset']);
      ops.push(() => {
        switch (kind) {
          case 'policy':
            return h.req('PUT', '/api/v1/mfa/policy', { token: a.key, headers: { 'if-match': etag }, body: { enabled: true, enforcementMode: 'Required', issuer: 'Twofold', currentCode: codeOf(a) } });
          case 'reset':
            return h.req('POST', `/api/v1/users/${b.id}/mfa/reset`, { token: a.key });
          case 'disable':
            return h.req('POST', '/api/v1/me/mfa/disable', { token: a.key, body: { password: PASSWORD, code: codeOf(a) } });
          case 'demote':
            return h.req('PATCH', `/api/v1/users/${b.id}`, { token: a.key, body: { role: 'member' } });
          case 'delete':
            return h.req('DELETE', `/api/v1/users/${b.id}`, { token: a.key });
          default:
            return h.req('POST', `/api/v1/users/${b.id}/mfa/reset`, { token: editorKey });
        }
      });
    }
    // Bodies are parsed asynchronously, so requests without one would otherwise always win the
    // race; random start offsets of a few milliseconds interleave the kinds while they overlap.
    const delays = ops.map((_, i) => (i % 10 === 0 ? rnd() * 2 : 1 + rnd() * 8));
    const results = await Promise.all(ops.map((op, i) => new Promise<{ statusCode: number }>((resolve, reject) => setTimeout(() => op().then(resolve, reject), delays[i]))));
    expect(results.filter((r) => r.statusCode >= 500).map((r) => (r as { body?: string }).body)).toEqual([]);
    const required = h.server.ctx.mode() === 'Required';
    return { required, enrolledAdmins: h.server.ctx.users.countEnrolledServerAdmins() };
  } finally {
    await h.close();
  }
}

describe('the invariant under concurrency', () => {
  it('100 parallel conflicting requests never leave Required without an enrolled Server Admin', async () => {
    const outcomes = [];
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) outcomes.push(await round(seed));
    for (const o of outcomes) if (o.required) expect(o.enrolledAdmins).toBeGreaterThanOrEqual(1);
    // The rounds must actually exercise Required, or the check above says nothing.
    expect(outcomes.some((o) => o.required)).toBe(true);
  }, 60_000);
});
