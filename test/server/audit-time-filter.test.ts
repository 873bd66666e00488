import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support';

/**
 * `GET /mfa/audit-events?from=&to=`: `from` inclusive, `to` exclusive, applied in SQL so every
 * page (and the cursor) only ever sees matching events.
 */

let h: Harness;
let rootKey: string;
const DAY = 86_400_000;
/** Midnight UTC of a day far from T0, so the sign-in events of the harness stay out of range. */
const START = Date.UTC(2026, 2, 1);
const END = START + DAY;

beforeEach(async () => {
  h = await startHarness();
  await h.addUser('root', 'server_admin');
  rootKey = await h.apiKey('root');
  const subject = { id: 'u_subject1', username: 'alice' };
  const actor = { id: null, username: null, via: 'host-command' as const };
  // Just around both bounds, plus one inside; appended in time order like the real log.
  for (const [at, type] of [
    [START - 1, 'mfa-reset'],
    [START, 'mfa-reset'],
    [START + 1, 'mfa-disabled'],
    [START + DAY / 2, 'mfa-reset'],
    [END - 1, 'mfa-reset'],
    [END, 'mfa-reset'],
  ] as const) {
    h.server.ctx.audit.append(at, type, actor, subject);
  }
});
afterEach(async () => h.close());

const get = (query: string) => h.req('GET', `/api/v1/mfa/audit-events?${query}`, { token: rootKey });
const times = (body: { items: { at: string }[] }) => body.items.map((e) => Date.parse(e.at));

describe('GET /mfa/audit-events with from and to', () => {
  it('keeps events at from and drops events at to (inclusive / exclusive), newest first', async () => {
    const r = await get(`from=${new Date(START).toISOString()}&to=${new Date(END).toISOString()}`);
    expect(r.statusCode).toBe(200);
    expect(times(r.json())).toEqual([END - 1, START + DAY / 2, START + 1, START]);
    expect(r.json().nextCursor).toBeNull();
  });

  it('takes either bound alone and honours time zone offsets', async () => {
    expect(times((await get(`from=${new Date(END - 1).toISOString()}`)).json())).toEqual([END, END - 1]);
    // The harness signed root in at T0 (January): everything before START is that sign-in and START - 1.
    const before = (await get(`to=${new Date(START).toISOString()}`)).json();
    expect(before.items.map((e: { type: string }) => e.type)).toEqual(['mfa-reset', 'login-succeeded']);
    expect(times(before)[0]).toBe(START - 1);
    // 01:00 at +01:00 is midnight UTC: the same instant as START.
    expect(times((await get('from=2026-03-01T01:00:00%2B01:00&to=2026-03-01T00:00:00.002Z')).json())).toEqual([START + 1, START]);
  });

  it('paginates inside the range and combines with the type filter', async () => {
    const range = `from=${new Date(START).toISOString()}&to=${new Date(END).toISOString()}`;
    const p1 = (await get(`${range}&limit=3`)).json();
    expect(times(p1)).toEqual([END - 1, START + DAY / 2, START + 1]);
    expect(p1.nextCursor).not.toBeNull();
    const p2 = (await get(`${range}&limit=3&cursor=${p1.nextCursor}`)).json();
    expect(times(p2)).toEqual([START]);
    expect(p2.nextCursor).toBeNull();
    expect(times((await get(`${range}&type=mfa-disabled`)).json())).toEqual([START + 1]);
  });

  it('allows an empty range (from = to) and returns nothing', async () => {
    const at = new Date(START).toISOString();
    const r = await get(`from=${at}&to=${at}`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ items: [], nextCursor: null });
  });

  it.each([
    ['from', 'from=yesterday'],
    ['from', 'from=2026-03-01'],
    ['to', 'to=2026-03-01T00:00:00'],
    ['to', 'to=2026-13-01T00:00:00Z'],
    ['from', 'from=&to=2026-03-01T00:00:00Z'],
  ])('refuses a bad %s (%s) with 400 naming the field', async (field, query) => {
    const r = await get(query);
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.json()).toMatchObject({ code: 'validation-failed', field });
    expect(r.json().detail).toContain(`query ${field}: use an ISO 8601 date-time with a time zone`);
  });

  it('refuses from later than to with 400 naming from', async () => {
    const r = await get(`from=${new Date(END).toISOString()}&to=${new Date(START).toISOString()}`);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'validation-failed', field: 'from' });
    expect(r.json().detail).toBe('query from: must not be later than "to"');
  });
});
