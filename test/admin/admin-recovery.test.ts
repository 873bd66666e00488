import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AdminService } from '../../electron/main/services/admin-client';
import { PASSWORD, type Harness } from '../server/support';
import { startAdminServiceWorld, type AdminServiceWorld } from './admin-service-world';

/**
 * The admin client's recovery-code, per-user requirement and grace-period calls against the real
 * reference server on 127.0.0.1 (its clock moved by the test), with the real vault and settings.
 */
describe('AdminService: recovery codes, per-user requirement, deadlines (real server)', () => {
  let h: Harness;
  let admin: AdminService;
  let serverId: string;

  let world: AdminServiceWorld;
  beforeEach(async () => {
    world = await startAdminServiceWorld();
    ({ h, admin, serverId } = world);
  });

  afterEach(() => world.close());

  it('"Enroll with Twofold" hands the window the 10 recovery codes once; My MFA counts them and a new set voids the old', async () => {
    const enrolled = await admin.enrollMe(serverId, PASSWORD);
    expect(enrolled.recoveryCodes).toHaveLength(10);
    expect((await admin.myMfa(serverId)).recoveryCodesRemaining).toBe(10);
    h.clock.nextStep();
    const code = admin.vaultCode(serverId);
    expect(code.state).toBe('linked');
    const fresh = await admin.regenerateRecoveryCodes(serverId, PASSWORD, code.code as string);
    expect(fresh.recoveryCodes).toHaveLength(10);
    expect(fresh.recoveryCodes).not.toContain(enrolled.recoveryCodes?.[0]);
    // The old set no longer signs in; the new one does.
    const ticket = async () => (await h.req('POST', '/api/v1/auth/login', { body: { username: 'root', password: PASSWORD, issue: 'apiKey' } })).json().challenge.ticket;
    expect((await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket: await ticket(), recoveryCode: enrolled.recoveryCodes?.[0] } })).json().code).toBe('recovery-code-invalid');
    expect((await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket: await ticket(), recoveryCode: fresh.recoveryCodes[0] } })).json().recoveryCodesRemaining).toBe(9);
    // A stale code is refused with the server's reason, and no new set is issued.
    h.clock.nextStep();
    await expect(admin.regenerateRecoveryCodes(serverId, PASSWORD, '000000')).rejects.toMatchObject({ code: 'mfa-code-invalid' });
    expect((await admin.myMfa(serverId)).recoveryCodesRemaining).toBe(9);
  });

  it('requires MFA for one user and lifts it with the linked vault code (step-up); the list shows it and filters deadlines', async () => {
    await admin.enrollMe(serverId, PASSWORD);
    const aliceId = await h.addUser('alice', 'member');
    const required = await admin.requireUserMfa(serverId, aliceId, true);
    expect(required.mfa.required).toBe(true);
    expect((await h.req('POST', '/api/v1/auth/login', { body: { username: 'alice', password: PASSWORD, issue: 'apiKey' } })).json().result).toBe('mfa_enrollment_required');
    h.clock.nextStep();
    const lifted = await admin.requireUserMfa(serverId, aliceId, false);
    expect(lifted.mfa.required).toBe(false);
    const list = await admin.users(serverId, { enrollment: 'overdue' });
    expect(list.items).toEqual([]);
    expect((await admin.users(serverId, {})).summary.membersNotEnrolled).toBe(1);
  });
});
