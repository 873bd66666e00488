import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AuditEvent, AuditEventType, EnrollmentFilter, MeMfaResponse, MfaStatus, PolicyUpdateRequest, SessionUser, UsersResponse } from '../../../shared/admin-api';
import type { AuditExport, HealthView, LinkChoice, PolicyView, RemovedServer, ServerView, VaultCode } from '../../../shared/ipc/admin-channels';
import type { DesktopApi } from '../../../shared/ipc/desktop-api';
import type { AppError, Result } from '../../../shared/result';
import { createAuditActions } from './audit-actions';
import { describePolicyChange } from './policy-diff';

export type AdminView = 'policy' | 'users' | 'my-mfa' | 'audit';
/** `recovery`: the TOTP step answered with a recovery code (typed, or one main takes from the vault). */
export type SignInPhase = 'password' | 'totp' | 'enroll' | 'recovery';
export const USERS_PAGE_SIZE = 50;
/** TOTP depends on both clocks agreeing (RFC 6238 §6 allows one step, 30 s, of drift). */
export const CLOCK_SKEW_WARNING_SECONDS = 15;

/** Codes that mean "the server could not be reached": the window shows a banner and keeps working. */
const NETWORK_CODES = new Set(['server-unreachable', 'server-timeout', 'tls-error', 'not-a-twofold-server']);

export interface AdminState {
  vaultState: 'unknown' | 'missing' | 'locked' | 'unlocked';
  servers: ServerView[];
  serverId: string | null;
  health: HealthView | null;
  /** Network down, server gone, 403 on a whole view: shown above the content. */
  banner: string | null;
  user: SessionUser | null;
  /**
   * A 401 after sign-in (issue #15.2): the views stay as they were, read-only, and nothing typed
   * is lost. `signInOpen` is the "Sign in again" dialog over them; closing it keeps the window
   * read-only with a "Sign in" button, it does not sign out.
   */
  sessionEnded: boolean;
  signInOpen: boolean;
  signIn: {
    phase: SignInPhase;
    username: string;
    password: string;
    code: string;
    error: string | null;
    notice: string | null;
    busy: boolean;
    /** In the recovery phase: unused recovery codes the linked vault account keeps for this server (a count; main holds the codes). */
    vaultRecoveryCodes?: { accountLabel: string; unused: number } | null;
  };
  /** The last removed server, while Undo is offered (issue #15.3). */
  removed: { server: ServerView; result: RemovedServer } | null;
  /** The policy edit not yet saved, for the version it was made on: survives tab changes and a new sign-in. */
  policyDraft: { etag: string; values: Partial<PolicyUpdateRequest> } | null;
  view: AdminView;
  policy: { view: PolicyView | null; error: string | null; notice: string | null; busy: boolean };
  myMfa: { data: MeMfaResponse | null; error: string | null; notice: string | null; busy: boolean };
  users: { data: UsersResponse | null; q: string; status: MfaStatus | ''; cursors: (string | undefined)[]; error: string | null; notice: string | null; busy: boolean };
  audit: { items: AuditEvent[]; nextCursor: string | null; type: AuditEventType | ''; userId: string; from: string; to: string; error: string | null; notice: string | null; busy: boolean };
  /** The users list's enrollment-deadline filter (grace period under Required). */
  usersEnrollment: EnrollmentFilter | '';
  /**
   * Key material: recovery codes the server just issued (after "Enroll with Twofold" or "Get new
   * recovery codes"), shown once until the user says they saved them; then dropped from memory.
   */
  recoveryCodes: string[] | null;
  /** The vault account those codes were also saved in (issue #13.6), null when they were not. */
  recoveryCodesSavedTo: string | null;
}

export interface AdminActions {
  init(): Promise<void>;
  unlockVault(password: string): Promise<Result<unknown>>;
  addServer(url: string, name: string): Promise<Result<ServerView>>;
  /** Revokes, deletes and forgets; returns an error message or null. */
  removeServer(id: string): Promise<string | null>;
  undoRemove(): Promise<void>;
  dismissRemoved(): void;
  selectServer(id: string | null): Promise<void>;
  setSignInField(field: 'username' | 'password' | 'code', value: string): void;
  submitPassword(): Promise<void>;
  submitCode(): Promise<void>;
  enrollAtSignIn(): Promise<void>;
  /** Switches the TOTP step to a recovery code (and back with `useRecoveryCode(false)`). */
  useRecoveryCode(on: boolean): Promise<void>;
  /** Signs in with the typed recovery code, or (fromVault) one main takes from the linked vault account. */
  submitRecoveryCode(fromVault: boolean): Promise<void>;
  backToPassword(): void;
  signOut(): Promise<void>;
  /** Closes "Sign in again": the window stays read-only, signed in to nothing. */
  dismissSignIn(): void;
  reopenSignIn(): void;
  setPolicyDraft(values: Partial<PolicyUpdateRequest> | null): void;
  show(view: AdminView): Promise<void>;
  loadPolicy(): Promise<void>;
  savePolicy(change: PolicyUpdateRequest): Promise<boolean>;
  /** The linked vault account's code for the current server (polled while a field follows it). */
  vaultCode(): Promise<VaultCode | null>;
  linkChoice(): Promise<Result<LinkChoice>>;
  linkAccount(accountId: string): Promise<Result<VaultCode>>;
  loadMyMfa(): Promise<void>;
  enrollMe(password: string): Promise<boolean>;
  disableMyMfa(password: string, code: string): Promise<boolean>;
  loadUsers(options?: { q?: string; status?: MfaStatus | ''; enrollment?: EnrollmentFilter | ''; page?: 'first' | 'next' | 'previous' }): Promise<void>;
  /** Requires MFA for one user (or lifts it); returns an error message or null. */
  setUserRequired(userId: string, username: string, required: boolean): Promise<string | null>;
  /** A new set of your recovery codes (server password + current code); shown once. */
  regenerateRecoveryCodes(password: string, code: string): Promise<boolean>;
  dismissRecoveryCodes(): void;
  /** `code`: the admin's own current code (step-up); main uses the linked vault account's when absent. */
  resetUser(userId: string, username: string, code?: string): Promise<string | null>;
  /** Clears a lockout (TOTP and password delay) and keeps the authenticator. */
  unlockUser(userId: string, username: string): Promise<string | null>;
  loadAudit(options?: { type?: AuditEventType | ''; userId?: string; from?: string; to?: string; more?: boolean }): Promise<void>;
  exportAudit(format: 'csv' | 'jsonl'): Promise<AuditExport | undefined>;
}

export type AdminStore = StoreApi<AdminState & { actions: AdminActions }>;

const emptySignIn = (): AdminState['signIn'] => ({ phase: 'password', username: '', password: '', code: '', error: null, notice: null, busy: false });

/**
 * The admin window's state, one store per window (two admin windows edit independently; that is
 * how a concurrent policy change meets its 412). Created with the preload API it calls, so each
 * test gets a fresh store over a fake or the real API. Actions live here, not in components.
 */
export function createAdminStore(api: DesktopApi): AdminStore {
  return createStore<AdminState & { actions: AdminActions }>()((set, get) => {
    const serverId = () => get().serverId;

    /**
     * Routes a failure: 401 sends the user back to sign-in keeping what they typed; network
     * failures become the banner (the window stays usable); anything else returns its message
     * for the section that asked.
     */
    function failure(error: AppError): string | null {
      if (error.code === 'unauthenticated' || error.code === 'not-signed-in') {
        // No error text in the form: nothing was typed there yet. The dialog says what happened.
        set((s) => ({
          sessionEnded: s.user !== null,
          signInOpen: s.user !== null,
          signIn: { ...s.signIn, phase: 'password', username: s.signIn.username || (s.user?.username ?? ''), password: '', code: '', busy: false, error: s.user ? null : error.message },
        }));
        return null;
      }
      if (NETWORK_CODES.has(error.code)) {
        set({ banner: error.message });
        return null;
      }
      return error.message;
    }

    async function refreshHealth(id: string) {
      const health = await api.admin.health(id);
      if (health.ok) set({ health: health.value, banner: null });
      else set({ health: null, banner: health.error.message });
    }

    const actions: AdminActions = {
      async init() {
        const status = await api.vault.status();
        set({ vaultState: status.ok ? status.value.state : 'unknown' });
        const servers = await api.admin.servers();
        if (servers.ok) set({ servers: servers.value });
        const first = servers.ok ? servers.value[0] : undefined;
        if (status.ok && status.value.state === 'unlocked' && first && !get().serverId) await actions.selectServer(first.id);
      },

      async unlockVault(password) {
        const result = await api.vault.unlock(password);
        if (result.ok) await actions.init();
        return result;
      },

      async addServer(url, name) {
        const result = await api.admin.addServer(url, name);
        if (result.ok) {
          set((s) => ({ servers: [...s.servers, result.value] }));
          await actions.selectServer(result.value.id);
        }
        return result;
      },

      async removeServer(id) {
        const server = get().servers.find((p) => p.id === id);
        const result = await api.admin.removeServer(id);
        if (!result.ok) return result.error.message;
        set((s) => ({ servers: s.servers.filter((p) => p.id !== id), removed: server ? { server, result: result.value } : null }));
        if (get().serverId === id) await actions.selectServer(null);
        return null;
      },

      async undoRemove() {
        const removed = get().removed;
        if (!removed) return;
        set({ removed: null });
        const result = await api.admin.restoreServer(removed.server.id);
        if (result.ok) set((s) => ({ servers: [...s.servers, result.value], banner: null }));
        else set({ banner: result.error.message });
      },

      dismissRemoved() {
        set({ removed: null });
      },

      async selectServer(id) {
        set({ serverId: id, user: null, sessionEnded: false, signInOpen: false, health: null, banner: null, signIn: emptySignIn(), policy: { view: null, error: null, notice: null, busy: false }, policyDraft: null, recoveryCodes: null, recoveryCodesSavedTo: null });
        if (!id) return;
        void refreshHealth(id);
        const session = await api.admin.session(id);
        if (get().serverId !== id) return;
        if (session.ok && session.value) {
          set({ user: session.value });
          await actions.show(get().view);
        } else if (!session.ok) failure(session.error);
      },

      setSignInField(field, value) {
        set((s) => ({ signIn: { ...s.signIn, [field]: value, error: null } }));
      },

      async submitPassword() {
        const id = serverId();
        const { username, password } = get().signIn;
        if (!id) return;
        if (!username.trim() || !password) {
          set((s) => ({ signIn: { ...s.signIn, error: 'Enter your username and password.' } }));
          return;
        }
        set((s) => ({ signIn: { ...s.signIn, busy: true, error: null, notice: null } }));
        const result = await api.admin.signIn(id, username.trim(), password);
        if (!result.ok) {
          const message = failure(result.error);
          set((s) => ({ signIn: { ...s.signIn, busy: false, password: '', error: message ?? s.signIn.error } }));
          return;
        }
        const step = result.value;
        if (step.step === 'signed-in') return signedIn(step.user);
        // The code field then follows the linked vault account by itself (CodeField polls main).
        set((s) => ({ signIn: { ...s.signIn, busy: false, password: '', phase: step.step, code: step.step === 'totp' ? (step.vaultCode.code ?? '') : '' } }));
      },

      async submitCode() {
        const id = serverId();
        const code = get().signIn.code.replace(/\s+/g, '');
        if (!id) return;
        if (!/^\d{6}$/.test(code)) {
          set((s) => ({ signIn: { ...s.signIn, error: `Enter the 6-digit code from your authenticator (you entered ${code.length} character${code.length === 1 ? '' : 's'}).` } }));
          return;
        }
        set((s) => ({ signIn: { ...s.signIn, busy: true, error: null } }));
        const result = await api.admin.submitCode(id, code);
        if (!result.ok) return signInFailed(result.error);
        await signedIn(result.value);
      },

      async enrollAtSignIn() {
        const id = serverId();
        if (!id) return;
        set((s) => ({ signIn: { ...s.signIn, busy: true, error: null } }));
        const result = await api.admin.enrollAtSignIn(id);
        if (!result.ok) return signInFailed(result.error);
        set((s) => ({
          signIn: { ...s.signIn, notice: `Enrolled: "${result.value.accountLabel}" was added to your vault.` },
          recoveryCodes: result.value.recoveryCodes ?? null,
          recoveryCodesSavedTo: result.value.recoveryCodesSavedTo ?? null,
        }));
        if (result.value.user) await signedIn(result.value.user);
      },

      async useRecoveryCode(on) {
        const id = serverId();
        if (!id) return;
        if (!on) {
          set((s) => ({ signIn: { ...s.signIn, phase: 'totp', code: '', error: null, vaultRecoveryCodes: null } }));
          return;
        }
        set((s) => ({ signIn: { ...s.signIn, phase: 'recovery', code: '', error: null, vaultRecoveryCodes: null } }));
        const linked = await api.admin.vaultCode(id);
        const unused = linked.ok && linked.value.state === 'linked' ? (linked.value.recoveryCodesUnused ?? 0) : 0;
        const label = linked.ok ? linked.value.accountLabel : null;
        if (get().signIn.phase === 'recovery') set((s) => ({ signIn: { ...s.signIn, vaultRecoveryCodes: label && unused > 0 ? { accountLabel: label, unused } : null } }));
      },

      async submitRecoveryCode(fromVault) {
        const id = serverId();
        if (!id) return;
        const typed = get().signIn.code.trim();
        if (!fromVault && !typed) {
          set((s) => ({ signIn: { ...s.signIn, error: 'Enter one of your recovery codes (for example 7kq4-m2xp-9fhd).' } }));
          return;
        }
        set((s) => ({ signIn: { ...s.signIn, busy: true, error: null } }));
        const result = await api.admin.submitRecoveryCode(id, fromVault ? null : typed);
        if (!result.ok) return signInFailed(result.error);
        const { recoveryCodesRemaining: left, struckIn } = result.value;
        const remaining = left === null ? '' : ` ${left} recovery code${left === 1 ? '' : 's'} left on the server.`;
        const struck = struckIn ? ` The code is now marked used in "${struckIn}" in your vault.` : '';
        set((s) => ({ signIn: { ...s.signIn, notice: `Signed in with a recovery code.${struck}${remaining}` } }));
        await signedIn(result.value.user);
      },

      backToPassword() {
        set((s) => ({ signIn: { ...s.signIn, phase: 'password', code: '', error: null } }));
      },

      async signOut() {
        const id = serverId();
        if (!id) return;
        await api.admin.signOut(id);
        set((s) => ({
          user: null,
          sessionEnded: false,
          signInOpen: false,
          policyDraft: null,
          recoveryCodes: null,
          recoveryCodesSavedTo: null,
          signIn: { ...emptySignIn(), username: s.signIn.username },
          servers: s.servers.map((p) => (p.id === id ? { ...p, signedInAs: null } : p)),
        }));
      },

      dismissSignIn() {
        set((s) => ({ signInOpen: false, signIn: { ...s.signIn, phase: 'password', password: '', code: '', error: null, busy: false } }));
      },

      reopenSignIn() {
        set({ signInOpen: true });
      },

      setPolicyDraft(values) {
        const etag = get().policy.view?.etag;
        set({ policyDraft: values && etag ? { etag, values } : null });
      },

      async show(view) {
        set((s) => ({ view, banner: null, users: { ...s.users, notice: null }, myMfa: { ...s.myMfa, notice: null }, policy: { ...s.policy, notice: null }, audit: { ...s.audit, notice: null } }));
        // Read-only after a 401: what was loaded stays on screen; nothing is asked of the server.
        if (!get().user || get().sessionEnded) return;
        if (view === 'policy') await actions.loadPolicy();
        // Users needs My MFA too: a reset asks for the admin's own code (step-up).
        if (view === 'users') await Promise.all([actions.loadUsers({ page: 'first' }), get().myMfa.data ? null : actions.loadMyMfa()]);
        if (view === 'my-mfa') await actions.loadMyMfa();
        if (view === 'audit') await actions.loadAudit();
      },

      async loadPolicy() {
        const id = serverId();
        if (!id) return;
        set((s) => ({ policy: { ...s.policy, busy: true } }));
        const [policy] = await Promise.all([api.admin.policy(id), actions.loadMyMfa(), summaryForPolicy(id)]);
        if (policy.ok) set((s) => ({ policy: { ...s.policy, view: policy.value, busy: false, error: null } }));
        else set((s) => ({ policy: { ...s.policy, busy: false, error: failure(policy.error) } }));
      },

      async savePolicy(change) {
        const id = serverId();
        const before = get().policy.view;
        if (!id || !before) return false;
        set((s) => ({ policy: { ...s.policy, busy: true, error: null, notice: null } }));
        const result = await api.admin.updatePolicy(id, before.etag, change);
        if (result.ok) {
          set({ policyDraft: null, policy: { view: result.value, busy: false, error: null, notice: `Policy saved (version ${result.value.policy.version}).` } });
          return true;
        }
        if (result.error.code === 'precondition-failed') {
          const fresh = await api.admin.policy(id);
          if (fresh.ok) {
            set({ policyDraft: null, policy: { view: fresh.value, busy: false, error: describePolicyChange(before.policy, fresh.value.policy), notice: null } });
            return false;
          }
        }
        set((s) => ({ policy: { ...s.policy, busy: false, error: failure(result.error) } }));
        return false;
      },

      async vaultCode() {
        const id = serverId();
        if (!id) return null;
        const result = await api.admin.vaultCode(id);
        return result.ok && serverId() === id ? result.value : null;
      },

      async linkChoice() {
        const id = serverId();
        if (!id) return { ok: false, error: { code: 'server-not-found', message: 'Choose a server first.' } };
        return api.admin.linkChoice(id);
      },

      async linkAccount(accountId) {
        const id = serverId();
        if (!id) return { ok: false, error: { code: 'server-not-found', message: 'Choose a server first.' } };
        const result = await api.admin.linkAccount(id, accountId);
        if (result.ok) {
          const servers = await api.admin.servers();
          if (servers.ok) set({ servers: servers.value });
        }
        return result;
      },

      async loadMyMfa() {
        const id = serverId();
        if (!id) return;
        const result = await api.admin.myMfa(id);
        if (result.ok) set((s) => ({ myMfa: { ...s.myMfa, data: result.value, error: null } }));
        else set((s) => ({ myMfa: { ...s.myMfa, error: failure(result.error) } }));
      },

      async enrollMe(password) {
        const id = serverId();
        if (!id) return false;
        set((s) => ({ myMfa: { ...s.myMfa, busy: true, error: null, notice: null } }));
        const result = await api.admin.enrollMe(id, password);
        if (!result.ok) {
          set((s) => ({ myMfa: { ...s.myMfa, busy: false, error: failure(result.error) } }));
          return false;
        }
        set((s) => ({
          myMfa: { ...s.myMfa, busy: false, notice: `Enrolled. "${result.value.accountLabel}" is in your vault; its codes fill in here from now on.` },
          recoveryCodes: result.value.recoveryCodes ?? null,
          recoveryCodesSavedTo: result.value.recoveryCodesSavedTo ?? null,
        }));
        await actions.loadMyMfa();
        if (get().users.data) await summaryForPolicy(id);
        return true;
      },

      async disableMyMfa(password, code) {
        const id = serverId();
        if (!id) return false;
        if (!/^\d{6}$/.test(code)) {
          set((s) => ({ myMfa: { ...s.myMfa, error: `The code must be exactly 6 digits (you entered ${code.length}).` } }));
          return false;
        }
        set((s) => ({ myMfa: { ...s.myMfa, busy: true, error: null, notice: null } }));
        const result = await api.admin.disableMyMfa(id, password, code);
        if (!result.ok) {
          set((s) => ({ myMfa: { ...s.myMfa, busy: false, error: failure(result.error) } }));
          return false;
        }
        set((s) => ({ myMfa: { ...s.myMfa, busy: false, notice: 'Two-step sign-in is off for your account. The entry in your vault no longer works; you may delete it.' } }));
        await actions.loadMyMfa();
        return true;
      },

      async loadUsers(options = {}) {
        const id = serverId();
        if (!id) return;
        const current = get().users;
        const q = options.q ?? current.q;
        const status = options.status ?? current.status;
        const enrollment = options.enrollment ?? get().usersEnrollment;
        let cursors = options.page === 'first' || options.q !== undefined || options.status !== undefined || options.enrollment !== undefined ? [undefined] : current.cursors;
        if (options.page === 'next' && current.data?.nextCursor) cursors = [...cursors, current.data.nextCursor];
        if (options.page === 'previous' && cursors.length > 1) cursors = cursors.slice(0, -1);
        set((s) => ({ users: { ...s.users, q, status, cursors, busy: true }, usersEnrollment: enrollment }));
        const cursor = cursors[cursors.length - 1];
        const result = await api.admin.users(id, {
          limit: USERS_PAGE_SIZE,
          ...(q.trim() ? { q: q.trim() } : {}),
          ...(status ? { status } : {}),
          ...(enrollment ? { enrollment } : {}),
          ...(cursor ? { cursor } : {}),
        });
        if (get().users.q !== q || get().users.status !== status || get().usersEnrollment !== enrollment) return;
        if (result.ok) set((s) => ({ users: { ...s.users, data: result.value, busy: false, error: null } }));
        else set((s) => ({ users: { ...s.users, busy: false, error: failure(result.error) } }));
      },

      async resetUser(userId, username, code) {
        const id = serverId();
        if (!id) return 'No server selected.';
        const result = await api.admin.resetUserMfa(id, userId, code ? code.replace(/\s+/g, '') : null);
        if (!result.ok) return failure(result.error) ?? result.error.message;
        set((s) => ({ users: { ...s.users, notice: `MFA of ${username} was reset. They must enroll again.` } }));
        await actions.loadUsers();
        return null;
      },

      async setUserRequired(userId, username, required) {
        const id = serverId();
        if (!id) return 'No server selected.';
        const result = await api.admin.requireUserMfa(id, userId, required);
        if (!result.ok) return failure(result.error) ?? result.error.message;
        const notice = required ? `MFA is now required for ${username}: they enroll at their next sign-in if they have not.` : `MFA is no longer required for ${username} beyond the policy.`;
        set((s) => ({ users: { ...s.users, notice } }));
        await actions.loadUsers();
        return null;
      },

      async regenerateRecoveryCodes(password, code) {
        const id = serverId();
        if (!id) return false;
        set((s) => ({ myMfa: { ...s.myMfa, busy: true, error: null, notice: null } }));
        const result = await api.admin.regenerateRecoveryCodes(id, password, code);
        if (!result.ok) {
          set((s) => ({ myMfa: { ...s.myMfa, busy: false, error: failure(result.error) } }));
          return false;
        }
        set((s) => ({
          myMfa: { ...s.myMfa, busy: false, notice: 'New recovery codes: the old ones no longer work.' },
          recoveryCodes: result.value.recoveryCodes,
          recoveryCodesSavedTo: result.value.savedTo,
        }));
        await actions.loadMyMfa();
        return true;
      },

      dismissRecoveryCodes() {
        set({ recoveryCodes: null, recoveryCodesSavedTo: null });
      },

      async unlockUser(userId, username) {
        const id = serverId();
        if (!id) return 'No server selected.';
        const result = await api.admin.unlockUser(id, userId);
        if (!result.ok) return failure(result.error) ?? result.error.message;
        set((s) => ({ users: { ...s.users, notice: `${username} is unlocked. Their authenticator still works.` } }));
        await actions.loadUsers();
        return null;
      },

      ...createAuditActions({ api, get, set, failure }),
    };

    /** The users summary (enrolled Server Admins) the policy pre-check explains with. */
    async function summaryForPolicy(id: string) {
      const current = get().users;
      if (current.data && current.cursors.length > 1) return;
      const result = await api.admin.users(id, { limit: USERS_PAGE_SIZE });
      if (result.ok) set((s) => ({ users: { ...s.users, data: s.users.q || s.users.status ? s.users.data && { ...s.users.data, summary: result.value.summary } : result.value } }));
    }

    async function signedIn(user: SessionUser) {
      const id = serverId();
      set((s) => ({
        user,
        sessionEnded: false,
        signInOpen: false,
        signIn: { ...emptySignIn(), username: s.signIn.username, notice: s.signIn.notice },
        servers: s.servers.map((p) => (p.id === id ? { ...p, signedInAs: user.username } : p)),
      }));
      await actions.show(get().view);
    }

    function signInFailed(error: AppError) {
      if (error.code.startsWith('challenge-') || error.code === 'too-many-attempts') {
        set((s) => ({ signIn: { ...s.signIn, busy: false, phase: 'password', code: '', error: error.message } }));
        return;
      }
      const message = failure(error);
      set((s) => ({ signIn: { ...s.signIn, busy: false, error: message ?? s.signIn.error } }));
    }

    return {
      vaultState: 'unknown',
      servers: [],
      serverId: null,
      health: null,
      banner: null,
      user: null,
      sessionEnded: false,
      signInOpen: false,
      signIn: emptySignIn(),
      removed: null,
      policyDraft: null,
      view: 'policy',
      policy: { view: null, error: null, notice: null, busy: false },
      myMfa: { data: null, error: null, notice: null, busy: false },
      users: { data: null, q: '', status: '', cursors: [undefined], error: null, notice: null, busy: false },
      audit: { items: [], nextCursor: null, type: '', userId: '', from: '', to: '', error: null, notice: null, busy: false },
      usersEnrollment: '',
      recoveryCodes: null,
      recoveryCodesSavedTo: null,
      actions,
    };
  });
}
