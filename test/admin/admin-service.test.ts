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
        'GET /me': () => new Response(JSON.stringify({ ...user, credential: { id: 'ak_1', kind: 'apiKey', expiresAt: '2027-01-01T00:00:00Z', idleTimeoutMinutes: null } }), { status: 200 }),
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

  it('fills in no code for an unlinked server, even one naming the issuer of a vault account; a linked one gets its code', async () => {
    await addAccount(`otpauth://totp/GitHub:admin?secret=${SECRET_GITHUB}&issuer=GitHub`);
    serverIssuer = 'GitHub';
    const admin = new AdminService({ vault, settings, clock, fetch: scripted({ 'GET /health': health, 'POST /auth/login': challenge }) });
    const profile = await admin.addServer(URL_, 'Rogue');
    const step = await admin.signIn(profile.id, 'admin', 'pw');
    expect(step).toMatchObject({ step: 'totp', vaultCode: { state: 'unlinked', code: null, origin: URL_ } });

    // The user links the account, seeing the origin; then its code is filled in.
    const choice = admin.linkChoice(profile.id);
    expect(choice).toMatchObject({ origin: URL_, issuer: 'GitHub', username: 'admin', linkedAccountId: null });
    const githubAccount = vault.accounts()[0]!;
    const linked = admin.linkAccount(profile.id, githubAccount.id);
    expect(linked).toMatchObject({ state: 'linked', code: generateCode(githubAccount.otp, clock.now()), accountLabel: 'GitHub (admin)', origin: URL_ });
    expect(settings.get().adminServers[0]?.link).toEqual({ accountId: githubAccount.id, username: 'admin', issuer: 'GitHub', origin: URL_, via: 'user' });
  });

  it('stops filling once /health names another issuer, even if it switches back, until the user links again', async () => {
    await addAccount(`otpauth://totp/Acme:admin?secret=${SECRET_ACME}&issuer=Acme`);
    const admin = new AdminService({ vault, settings, clock, fetch: scripted({ 'GET /health': health, 'POST /auth/login': challenge }) });
    const profile = await admin.addServer(URL_, 'Acme');
    await admin.signIn(profile.id, 'admin', 'pw');
    admin.linkAccount(profile.id, vault.accounts()[0]!.id);
    expect(admin.vaultCode(profile.id).state).toBe('linked');
    serverIssuer = 'GitHub';
    await admin.health(profile.id);
    expect(admin.vaultCode(profile.id)).toMatchObject({ state: 'changed', code: null, message: expect.stringMatching(/now names its issuer "GitHub"/) });
    serverIssuer = 'Acme';
    expect((await admin.signIn(profile.id, 'admin', 'pw')) as unknown).toMatchObject({ vaultCode: { state: 'changed', code: null } });
    admin.linkAccount(profile.id, vault.accounts()[0]!.id);
    expect(admin.vaultCode(profile.id).state).toBe('linked');
  });

  it('never sends a code the server already took, and mentions the clocks only when they differ', async () => {
    await addAccount(`otpauth://totp/Acme:admin?secret=${SECRET_ACME}&issuer=Acme`);
    let loginTotp = () => problem('mfa-code-replayed', 403);
    let sent = 0;
    let serverTime = '2026-01-01T00:00:00Z';
    const admin = new AdminService({
      vault,
      settings,
      clock,
      fetch: scripted({
        'GET /health': () => new Response(JSON.stringify({ status: 'ok', version: '1.0.0', time: serverTime, issuer: 'Acme' }), { status: 200 }),
        'POST /auth/login': challenge,
        'POST /auth/login/totp': () => (sent++, loginTotp()),
      }),
    });
    const profile = await admin.addServer(URL_, 'Acme');
    await admin.signIn(profile.id, 'admin', 'pw');
    admin.linkAccount(profile.id, vault.accounts()[0]!.id);
    const current = admin.vaultCode(profile.id).code!;
    await expect(admin.submitCode(profile.id, current)).rejects.toMatchObject({ code: 'mfa-code-replayed', message: expect.stringMatching(/already took this code.*next one comes in 30 s/) });
    expect(admin.vaultCode(profile.id)).toMatchObject({ state: 'linked', code: null, used: true });
    await expect(admin.submitCode(profile.id, current)).rejects.toMatchObject({ code: 'mfa-code-replayed' });
    expect(sent).toBe(1);

    loginTotp = () => problem('mfa-code-invalid', 403);
    await expect(admin.submitCode(profile.id, '000000')).rejects.toMatchObject({ code: 'mfa-code-invalid', message: expect.not.stringMatching(/clock/) });
    serverTime = '2026-01-01T00:00:40Z';
    await expect(admin.submitCode(profile.id, '000001')).rejects.toMatchObject({ message: expect.stringMatching(/server's clock is 40 s ahead/) });
    clock.advance(30_000);
    expect(admin.vaultCode(profile.id)).toMatchObject({ state: 'linked', used: false, code: expect.stringMatching(/^\d{6}$/) });
  });

  it('removing a server revokes its key on the server, deletes it from the vault, and Undo brings the profile back for 10 s', async () => {
    let revoked = 0;
    const admin = new AdminService({ vault, settings, clock, fetch: scripted({ 'GET /health': health, 'POST /auth/logout': () => (revoked++, new Response(null, { status: 204 })) }) });
    const profile = await admin.addServer(URL_, 'Acme');
    await vault.setSecret(secretName(profile.id), 'tok');
    expect(await admin.removeServer(profile.id)).toMatchObject({ revoked: true });
    expect(revoked).toBe(1);
    expect(vault.getSecret(secretName(profile.id))).toBeUndefined();
    expect(settings.get().adminServers).toEqual([]);
    expect(admin.restoreServer(profile.id)).toMatchObject({ id: profile.id, url: URL_, signedInAs: null });
    expect(settings.get().adminServers.map((p) => p.id)).toEqual([profile.id]);
    expect(vault.getSecret(secretName(profile.id))).toBeUndefined();

    await admin.removeServer(profile.id);
    clock.advance(10_001);
    expect(() => admin.restoreServer(profile.id)).toThrow(/Undo is no longer possible/);
  });

  it('removing an unreachable server still deletes its key, and says it could not be revoked', async () => {
    const admin = new AdminService({ vault, settings, clock, fetch: scripted({ 'GET /health': health }) });
    const profile = await admin.addServer(URL_, 'Acme');
    await vault.setSecret(secretName(profile.id), 'tok');
    expect(await admin.removeServer(profile.id)).toMatchObject({ revoked: false });
    expect(vault.getSecret(secretName(profile.id))).toBeUndefined();
  });

  it('a server removed while its sign-in is in flight keeps no key, and the fresh key is revoked', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const loggedOut: string[] = [];
    const fetchImpl: typeof fetch = async (input, init) => {
      const path = new URL(String(input)).pathname.replace('/api/v1', '');
      if (path === '/health') return health();
      if (path === '/auth/logout') {
        loggedOut.push(String((init?.headers as Record<string, string>)?.authorization ?? ''));
        return new Response(null, { status: 204 });
      }
      await gate;
      return new Response(JSON.stringify({ result: 'authenticated', user, apiKey: { id: 'k1', name: 'Twofold desktop', token: 'fresh-token', expiresAt: '2027-01-01T00:00:00Z' } }), { status: 200 });
    };
    const admin = new AdminService({ vault, settings, clock, fetch: fetchImpl });
    const profile = await admin.addServer(URL_, 'Acme');
    const signingIn = admin.signIn(profile.id, 'admin', 'pw');
    await new Promise((r) => setTimeout(r, 20));
    await admin.removeServer(profile.id);
    release();
    await expect(signingIn).rejects.toMatchObject({ code: 'server-not-found' });
    expect(vault.getSecret(secretName(profile.id))).toBeUndefined();
    expect(loggedOut).toEqual(['Bearer fresh-token']);
  });

  it('exports every matching audit event through the save dialog only, as CSV with formulas neutralised', async () => {
    const written: Array<{ path: string; data: string }> = [];
    let chosen: string | null = '/home/u/audit.csv';
    const event = (id: number) => ({ id, at: '2026-01-01T00:00:00.000Z', type: 'login-failed', actorId: null, actorUsername: id === 1 ? '=HYPERLINK("x")' : 'bob', subjectId: null, subjectUsername: 'bob', via: 'api', detail: { reason: 'wrong-password' } });
    const pages = [
      { items: Array.from({ length: 200 }, (_, i) => event(1000 - i)), nextCursor: 'c1' },
      { items: [event(1)], nextCursor: null },
    ];
    let page = 0;
    const admin = new AdminService({
      vault,
      settings,
      clock,
      files: { dialogs: { chooseImportFile: async () => null, chooseExportPath: async () => chosen }, access: { read: async () => ({ size: 0, bytes: new Uint8Array() }), write: async (path, data) => void written.push({ path, data }) } },
      fetch: scripted({ 'GET /health': health, 'GET /mfa/audit-events': () => new Response(JSON.stringify(pages[page++]), { status: 200 }) }),
    });
    const profile = await admin.addServer(URL_, 'Acme');
    await vault.setSecret(secretName(profile.id), 'tok');
    expect(await admin.exportAudit(profile.id, { type: 'login-failed' }, 'csv')).toEqual({ count: 201, fileName: 'audit.csv' });
    expect(written).toHaveLength(1);
    const lines = written[0]!.data.trimEnd().split('\r\n');
    expect(lines).toHaveLength(202);
    expect(lines[0]).toBe('id,time_utc,type,event,by,user,via,details,detail_json');
    expect(lines[1]).toBe('1000,2026-01-01T00:00:00.000Z,login-failed,Sign-in failed,bob,bob,api,wrong password,"{""reason"":""wrong-password""}"');
    expect(lines[201]).toContain(`"'=HYPERLINK(""x"")"`);

    chosen = null;
    expect(await admin.exportAudit(profile.id, {}, 'jsonl')).toBeNull();
    expect(written).toHaveLength(1);
  });

  it('refuses to sign in while the vault is locked, saying why', async () => {
    const admin = new AdminService({ vault, settings, clock, fetch: scripted({ 'GET /health': health }) });
    const profile = await admin.addServer(URL_, 'Acme');
    vault.lock();
    await expect(admin.signIn(profile.id, 'admin', 'pw')).rejects.toMatchObject({ code: 'vault-locked', message: expect.stringMatching(/Unlock Twofold first/) });
  });
});
