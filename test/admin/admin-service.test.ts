import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AdminService, secretName } from '../../electron/main/services/admin-client';
import { ManualClock } from '../../electron/main/services/clock';
import { ConfSettingsStore } from '../../electron/main/services/settings';
import { VaultService } from '../../electron/main/services/vault';
import { AccountDraftSchema } from '../../shared/otp/account';
import { generateCode } from '../../shared/otp/generate';
import { parseOtpauthUri } from '../../shared/otp/otpauth-uri';

const SECRET_ACME = 'JBSWY3DPEHPK3PXP';
const SECRET_GITHUB = 'GEZDGNBVGY3TQOJQ';

const URL_ = 'https://mfa.example.com';
const user = { id: 'u_admin01', username: 'admin', roles: ['server_admin'], isServerAdmin: true, permissions: ['users:view', 'users:edit'] };
const policy = { enabled: true, enforcementMode: 'Optional', issuer: 'Acme', version: 1, updatedAt: '2026-01-01T00:00:00Z', updatedBy: null };
const problem = (code: string, status: number) => new Response(JSON.stringify({ type: 'x', title: 't', status, detail: 'd', code }), { status });

/** A scripted server: answers by "METHOD path". */
function scripted(routes: Record<string, () => Response>): typeof fetch {
  return async (input, init) => {
    const key = `${init?.method ?? 'GET'} ${new URL(String(input)).pathname.replace('/api/v1', '')}`;
    const answer = routes[key];
    if (!answer) throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    return answer();
  };
}

describe('AdminService over the real vault and settings', () => {
  let dir: string;
  let vault: VaultService;
  let settings: ConfSettingsStore;
  const clock = new ManualClock(Date.UTC(2026, 0, 1));

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'twofold-admin-service-'));
    settings = new ConfSettingsStore({ dir });
    vault = await VaultService.open({ path: join(dir, 'vault.json'), keyProtector: undefined, clock, autoLockMinutes: 0 });
    await vault.create('vault password 123');
  });

  afterEach(async () => {
    await vault.close();
    await rm(dir, { recursive: true, force: true });
  });

  let serverIssuer = 'Acme';
  beforeEach(() => {
    serverIssuer = 'Acme';
  });
  const health = () => new Response(JSON.stringify({ status: 'ok', version: '1.0.0', time: '2026-01-01T00:00:00Z', issuer: serverIssuer }), { status: 200 });
  const challenge = () => new Response(JSON.stringify({ result: 'mfa_required', challenge: { ticket: 'ticket-secret', expiresAt: '2026-01-01T00:05:00Z' } }), { status: 200 });
  const addAccount = (uri: string) => vault.addAccounts([AccountDraftSchema.parse(parseOtpauthUri(uri))]);

  it('saves nothing when the address does not answer as a Twofold server', async () => {
    const admin = new AdminService({ vault, settings, clock, fetch: scripted({ 'GET /health': () => new Response('<html></html>', { status: 200 }) }) });
    await expect(admin.addServer(URL_, 'Acme')).rejects.toMatchObject({ code: 'not-a-twofold-server' });
    expect(settings.get().adminServers).toEqual([]);
  });

  it('keeps the API key in the vault (not in settings), learns the issuer, and forgets the key the server refuses', async () => {
    let policyAnswer = () => new Response(JSON.stringify(policy), { status: 200, headers: { etag: '"1"' } });
    const admin = new AdminService({
      vault,
      settings,
      clock,
      fetch: scripted({
        'GET /health': health,
        'POST /auth/login': () => new Response(JSON.stringify({ result: 'authenticated', user, apiKey: { id: 'k1', name: 'Twofold desktop', token: 'tok-secret-123', expiresAt: '2027-01-01T00:00:00Z' } }), { status: 200 }),
        'GET /mfa/policy': () => policyAnswer(),
        'GET /me': () => new Response(JSON.stringify(user), { status: 200 }),
      }),
    });
    const profile = await admin.addServer(URL_, 'Acme');
    expect(await admin.signIn(profile.id, 'admin', 'pw')).toEqual({ step: 'signed-in', user });
    expect(vault.getSecret(secretName(profile.id))).toBe('tok-secret-123');
    expect(JSON.stringify(settings.get())).not.toContain('tok-secret-123');
    expect(settings.get().adminServers[0]?.issuer).toBe('Acme');
    expect(await admin.session(profile.id)).toEqual(user);

    policyAnswer = () => problem('unauthenticated', 401);
    await expect(admin.policy(profile.id)).rejects.toMatchObject({ code: 'unauthenticated', message: expect.stringMatching(/Sign in again/) });
    expect(vault.getSecret(secretName(profile.id))).toBeUndefined();
    expect(await admin.session(profile.id)).toBeNull();
  });

  it('learns the issuer from /health when the server is added, before any sign-in', async () => {
    const admin = new AdminService({ vault, settings, clock, fetch: scripted({ 'GET /health': health }) });
    const profile = await admin.addServer(URL_, '');
    expect(profile.issuer).toBe('Acme');
    expect(settings.get().adminServers).toEqual([{ id: profile.id, name: 'mfa.example.com', url: URL_, issuer: 'Acme' }]);
  });

  it('on the first sign-in fills in the code of this issuer\'s account, never another service\'s with the same username', async () => {
    await addAccount(`otpauth://totp/GitHub:admin?secret=${SECRET_GITHUB}&issuer=GitHub`);
    const admin = new AdminService({ vault, settings, clock, fetch: scripted({ 'GET /health': health, 'POST /auth/login': challenge }) });
    const profile = await admin.addServer(URL_, 'Acme');

    // Only GitHub's "admin" is in the vault: same username, other issuer, so nothing is filled.
    expect(await admin.signIn(profile.id, 'admin', 'pw')).toEqual({ step: 'totp', expiresAt: '2026-01-01T00:05:00Z', suggestion: null });
    expect(admin.suggestCodeFor(profile.id, 'admin')).toBeNull();

    await addAccount(`otpauth://totp/Acme:admin?secret=${SECRET_ACME}&issuer=Acme`);
    const step = await admin.signIn(profile.id, 'admin', 'pw');
    const acme = parseOtpauthUri(`otpauth://totp/Acme:admin?secret=${SECRET_ACME}&issuer=Acme`).otp;
    expect(step).toEqual({ step: 'totp', expiresAt: '2026-01-01T00:05:00Z', suggestion: { code: generateCode(acme, clock.now()), accountLabel: 'Acme (admin)', secondsLeft: 30 } });
  });

  it('asks /health again before sign-in, so a renamed issuer picks the renamed account', async () => {
    await addAccount(`otpauth://totp/Acme:admin?secret=${SECRET_ACME}&issuer=Acme`);
    await addAccount(`otpauth://totp/Acme%20VPN:admin?secret=${SECRET_GITHUB}&issuer=Acme%20VPN`);
    const admin = new AdminService({ vault, settings, clock, fetch: scripted({ 'GET /health': health, 'POST /auth/login': challenge }) });
    const profile = await admin.addServer(URL_, 'Acme');
    serverIssuer = 'Acme VPN';
    const step = await admin.signIn(profile.id, 'admin', 'pw');
    expect(step).toMatchObject({ step: 'totp', suggestion: { accountLabel: 'Acme VPN (admin)' } });
    expect(settings.get().adminServers[0]?.issuer).toBe('Acme VPN');
  });

  it('removing a server deletes its key from the vault', async () => {
    const admin = new AdminService({ vault, settings, clock, fetch: scripted({ 'GET /health': health }) });
    const profile = await admin.addServer(URL_, 'Acme');
    await vault.setSecret(secretName(profile.id), 'tok');
    await admin.removeServer(profile.id);
    expect(vault.getSecret(secretName(profile.id))).toBeUndefined();
    expect(settings.get().adminServers).toEqual([]);
  });

  it('refuses to sign in while the vault is locked, saying why', async () => {
    const admin = new AdminService({ vault, settings, clock, fetch: scripted({ 'GET /health': health }) });
    const profile = await admin.addServer(URL_, 'Acme');
    vault.lock();
    await expect(admin.signIn(profile.id, 'admin', 'pw')).rejects.toMatchObject({ code: 'vault-locked', message: expect.stringMatching(/Unlock Twofold first/) });
  });
});
