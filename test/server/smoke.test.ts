import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.close());

describe('smoke', () => {
  it('health, login, enroll', async () => {
    const health = await h.req('GET', '/api/v1/health');
    expect(health.statusCode).toBe(200);
    await h.addUser('admin', 'server_admin');
    const key = await h.apiKey('admin');
    const secret = await h.enroll(key);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const users = await h.req('GET', '/api/v1/users', { token: key });
    expect(users.statusCode).toBe(200);
    expect(users.json().summary).toEqual({ total: 1, enrolled: 1, serverAdminsEnrolled: 1 });
  });
});
