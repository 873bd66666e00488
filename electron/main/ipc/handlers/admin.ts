import type { adminChannels } from '../../../../shared/ipc/admin-channels';
import type { AdminService } from '../../services/admin-client';
import type { Handlers } from '../dispatcher';

/** The admin window's calls; AdminService keeps keys and tickets in main (see its comment). */
export function createAdminHandlers({ admin }: { admin: AdminService }): Handlers<typeof adminChannels> {
  return {
    'admin:open-window': () => {
      admin.openWindow();
      return null;
    },
    'admin:servers': () => admin.servers(),
    'admin:add-server': (url, name) => admin.addServer(url, name),
    'admin:remove-server': (id) => admin.removeServer(id),
    'admin:restore-server': (id) => admin.restoreServer(id),
    'admin:health': (id) => admin.health(id),
    'admin:session': (id) => admin.session(id),
    'admin:sign-in': (id, username, password) => admin.signIn(id, username, password),
    'admin:submit-code': (id, code) => admin.submitCode(id, code),
    'admin:enroll-at-sign-in': (id) => admin.enrollAtSignIn(id),
    'admin:submit-recovery-code': (id, code) => admin.submitRecoveryCode(id, code),
    'admin:vault-code': (id) => admin.vaultCode(id),
    'admin:link-choice': (id) => admin.linkChoice(id),
    'admin:link-account': (id, accountId) => admin.linkAccount(id, accountId),
    'admin:sign-out': async (id) => {
      await admin.signOut(id);
      return null;
    },
    'admin:policy': (id) => admin.policy(id),
    'admin:update-policy': (id, etag, change) => admin.updatePolicy(id, etag, change),
    'admin:users': (id, query) => admin.users(id, query),
    'admin:reset-user-mfa': (id, userId, code) => admin.resetUserMfa(id, userId, code),
    'admin:unlock-user': (id, userId) => admin.unlockUserMfa(id, userId),
    'admin:require-user-mfa': (id, userId, required) => admin.requireUserMfa(id, userId, required),
    'admin:regenerate-recovery-codes': (id, password, code) => admin.regenerateRecoveryCodes(id, password, code),
    'admin:my-mfa': (id) => admin.myMfa(id),
    'admin:enroll-me': (id, password) => admin.enrollMe(id, password),
    'admin:disable-my-mfa': async (id, password, code) => {
      await admin.disableMyMfa(id, password, code);
      return null;
    },
    'admin:audit': (id, query) => admin.audit(id, query),
    'admin:export-audit': (id, filters, format) => admin.exportAudit(id, filters, format),
  };
}
