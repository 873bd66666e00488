import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AdminService } from '../../electron/main/services/admin-client';
import { ConfSettingsStore } from '../../electron/main/services/settings';
import { VaultService } from '../../electron/main/services/vault';
import { PASSWORD, type Harness } from '../server/support';
import { startAdminServiceWorld, type AdminServiceWorld } from './admin-service-world';

/**
 * Issue #13.6, main side, against the real reference server on 127.0.0.1: the server's recovery
 * codes go into the vault account LINKED to it, and come out of it only for that server and user
 * (the rule of server-link.ts), struck once the server accepted one.
 */
describe('AdminService: recovery codes kept in the linked vault account (real server)', () => {
  let h: Harness;
  let vault: VaultService;
  let settings: ConfSettingsStore;
  let admin: AdminService;
  let serverId: string;
  const linked = () => vault.accounts().find((a) => a.id === settings.get().adminServers[0]?.link?.accountId);

  let world: AdminServiceWorld;
  beforeEach(async () => {
    world = await startAdminServiceWorld();
    ({ h, vault, settings, admin, serverId } = world);
  });

  afterEach(() => world.close());

  it('Enroll with Twofold stores the 10 codes in the account it created; a new set replaces them', async () => {
    const enrolled = await admin.enrollMe(serverId, PASSWORD);
    expect(enrolled.recoveryCodesSavedTo).toBe(enrolled.accountLabel);
    expect(linked()?.recoveryCodes).toEqual(enrolled.recoveryCodes?.map((code) => ({ code, used: false })));
    h.clock.nextStep();
    const fresh = await admin.regenerateRecoveryCodes(serverId, PASSWORD, admin.vaultCode(serverId).code as string);
    expect(fresh.savedTo).toBe(enrolled.accountLabel);
    expect(linked()?.recoveryCodes).toEqual(fresh.recoveryCodes.map((code) => ({ code, used: false })));
    expect(admin.vaultCode(serverId)).toMatchObject({ state: 'linked', recoveryCodesUnused: 10 });
  });

  it('a recovery sign-in takes the first unused stored code and strikes it; a refused code strikes nothing', async () => {
    const enrolled = await admin.enrollMe(serverId, PASSWORD);
    await admin.signOut(serverId);
    h.clock.nextStep();
    expect((await admin.signIn(serverId, 'root', PASSWORD)).step).toBe('totp');
    const signedIn = await admin.submitRecoveryCode(serverId, null);
    expect(signedIn).toMatchObject({ user: { username: 'root' }, recoveryCodesRemaining: 9, struckIn: enrolled.accountLabel });
    expect(linked()?.recoveryCodes?.map((c) => c.used)).toEqual([true, ...Array(9).fill(false)]);

    await admin.signOut(serverId);
    expect((await admin.signIn(serverId, 'root', PASSWORD)).step).toBe('totp');
    // A code that is not this user's: refused; nothing is struck.
    await expect(admin.submitRecoveryCode(serverId, 'zzzz-zzzz-zzzz')).rejects.toMatchObject({ code: 'recovery-code-invalid' });
    expect(linked()?.recoveryCodes?.filter((c) => c.used)).toHaveLength(1);

    // The second code was used elsewhere (the web page): the server says so, and the stored copy is struck too.
    const ticket = (await h.req('POST', '/api/v1/auth/login', { body: { username: 'root', password: PASSWORD, issue: 'apiKey' } })).json().challenge.ticket;
    expect((await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket, recoveryCode: enrolled.recoveryCodes![1] } })).statusCode).toBe(200);
    expect((await admin.signIn(serverId, 'root', PASSWORD)).step).toBe('totp');
    await expect(admin.submitRecoveryCode(serverId, null)).rejects.toMatchObject({ code: 'recovery-code-used' });
    expect(linked()?.recoveryCodes?.map((c) => c.used).slice(0, 3)).toEqual([true, true, false]);
    expect((await admin.signIn(serverId, 'root', PASSWORD)).step).toBe('totp');
    expect(await admin.submitRecoveryCode(serverId, null)).toMatchObject({ recoveryCodesRemaining: 7 });
  });

  it('codes are taken only for the user the link was made for, and only while the link holds', async () => {
    await admin.enrollMe(serverId, PASSWORD);
    await h.addUser('other', 'member');
    await h.enroll(await h.apiKey('other'));
    await admin.signOut(serverId);
    // Another user signing in on the same server: the link is root's, so no stored code is sent.
    expect((await admin.signIn(serverId, 'other', PASSWORD)).step).toBe('totp');
    expect(admin.vaultCode(serverId).recoveryCodesUnused).toBeUndefined();
    await expect(admin.submitRecoveryCode(serverId, null)).rejects.toMatchObject({ code: 'validation-failed', message: expect.stringMatching(/Type a recovery code instead/) });
    expect(linked()?.recoveryCodes?.every((c) => !c.used)).toBe(true);
    // The server now names another issuer: the link stops holding; no code is taken either.
    await admin.signOut(serverId);
    expect((await admin.signIn(serverId, 'root', PASSWORD)).step).toBe('totp');
    const profile = settings.get().adminServers[0]!;
    settings.set({ adminServers: [{ ...profile, link: { ...profile.link!, changedTo: 'Someone else' } }] });
    await expect(admin.submitRecoveryCode(serverId, null)).rejects.toMatchObject({ code: 'validation-failed' });
    expect(linked()?.recoveryCodes?.every((c) => !c.used)).toBe(true);
  });
});
