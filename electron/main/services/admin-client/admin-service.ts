import { randomUUID } from 'node:crypto';
import type { EnrollmentStartResponse, SessionUser, UsersQuery, PolicyUpdateRequest } from '../../../../shared/admin-api';
import type { AuditExport, Enrolled, HealthView, LinkChoice, PolicyView, RecoverySignIn, RemovedServer, ServerView, SignInStep, VaultCode } from '../../../../shared/ipc/admin-channels';
import { AUDIT_EXPORT_MAX_EVENTS, auditEventsToCsv, auditEventsToJsonLines, type AuditExportFormat } from '../../../../shared/admin-audit/audit-export';
import type { AuditEvent, AuditEventsQuery } from '../../../../shared/admin-api';
import { AccountDraftSchema, type Account } from '../../../../shared/otp/account';
import { generateCode } from '../../../../shared/otp/generate';
import { parseOtpauthUri } from '../../../../shared/otp/otpauth-uri';
import { TOTP_RULES } from '../../../../shared/admin-api';
import type { AdminServerProfile, SettingsStore } from '../../../../shared/settings';
import type { Clock } from '../clock';
import type { VaultApi } from '../vault';
import { AdminClientError } from './admin-client-error';
import { AdminHttpClient, type FetchPort } from './admin-http-client';
import { normalizeServerUrl } from './server-url';
import type { FileAccess, FileDialogPort } from '../import-export/file-ports';
import { refuseAllConfirmations, type ConfirmDialogPort } from '../security/confirm-dialog';
import { fitsServer, originOf, vaultCodeFor } from './server-link';
import { UsedCodes } from './used-codes';
import { linkedAccount, storeServerCodes, strikeStoredCode, usableCodes } from './vault-recovery-codes';
import { accountLabel, matchingAccounts } from './vault-codes';

export interface AdminServiceDeps {
  vault: VaultApi;
  settings: SettingsStore;
  clock: Clock;
  fetch?: FetchPort;
  /** Opens (or focuses) the admin window; absent where there are no windows (tests, CLI). */
  openWindow?: () => void;
  /** The save dialog and the file writer of audit exports: main writes only where the dialog said. */
  files?: { dialogs: FileDialogPort; access: FileAccess };
  /**
   * The native dialog main shows to confirm a link the user asked for in the admin window. The
   * admin window shows data from remote servers, so it is the renderer most exposed to attack:
   * its own "Link" button is only a request. Without a dialog (CLI, tests that script none) every
   * link the user would have to confirm is refused.
   */
  confirm?: ConfirmDialogPort;
}

/** How long "Undo" can bring a removed server back (issue #15.3). */
export const UNDO_REMOVE_MS = 10_000;
/** Beyond this the clocks disagree by more than half a TOTP step: worth saying when a code is refused. */
const SKEW_HINT_SECONDS = 15;

/** What main remembers between calls for one server: the signed-in user and an open sign-in ticket. */
interface SessionState {
  user: SessionUser | null;
  /** Key material: stands in for the password for 5 minutes, once. Never leaves this process. */
  ticket: { value: string; kind: 'totp' | 'enroll'; username: string } | null;
}

export const API_KEY_NAME = 'Twofold desktop';
export const secretName = (profileId: string): string => `admin-server:${profileId}`;

/**
 * The admin client, main-process side: server profiles (settings), API keys (vault named
 * secrets), sign-in with password then TOTP, and every admin call, over `fetch`.
 *
 * Owns key material: API keys are read from and written to the vault only here, sign-in tickets
 * and enrollment secrets never leave this class, and none of them is logged. The admin window
 * gets users, policies and messages, never a key, a ticket or a TOTP secret.
 */
export class AdminService {
  private readonly sessions = new Map<string, SessionState>();
  private readonly fetchImpl: FetchPort;
  private readonly used = new UsedCodes();
  /** Profiles removed in the last 10 s, for Undo; kept in memory only (the API key is not). */
  private readonly removed = new Map<string, { profile: AdminServerProfile; until: number }>();
  /** Last measured clock difference per profile (server minus this machine), in seconds. */
  private readonly skew = new Map<string, number>();

  constructor(private readonly deps: AdminServiceDeps) {
    this.fetchImpl = deps.fetch ?? ((input, init) => fetch(input, init));
  }

  openWindow(): void {
    if (!this.deps.openWindow) throw new AdminClientError('window-unavailable', 'The admin window cannot be opened from here. Use the Window menu of Twofold.');
    this.deps.openWindow();
  }

  // ---- profiles ----

  servers(): ServerView[] {
    return this.deps.settings.get().adminServers.map((p) => ({ ...p, signedInAs: this.sessions.get(p.id)?.user?.username ?? null }));
  }

  /** Checks that the address answers as a Twofold MFA server before anything is saved. */
  async addServer(rawUrl: string, rawName: string): Promise<ServerView> {
    const url = normalizeServerUrl(rawUrl);
    const existing = this.deps.settings.get().adminServers.find((p) => p.url === url);
    if (existing) throw new AdminClientError('validation-failed', `${url} is already in your list as "${existing.name}".`, 'url');
    // /health also names the server's TOTP issuer: known from the start, the first sign-in
    // already fills in the code of this server's vault account only.
    const { body: health } = await this.anonymous(url).call('health', {});
    const name = rawName.trim() || new URL(url).host;
    const profile: AdminServerProfile = { id: randomUUID(), name, url, issuer: health.issuer };
    this.deps.settings.set({ adminServers: [...this.deps.settings.get().adminServers, profile] });
    return { ...profile, signedInAs: null };
  }

  /**
   * Removes a server (issue #15.3): revokes its API key on the server when it answers (logout),
   * deletes the key from the vault whatever happens there, forgets the profile, and keeps the
   * profile (not the key) for Undo during UNDO_REMOVE_MS.
   */
  async removeServer(id: string): Promise<RemovedServer> {
    const profile = this.profile(id);
    const token = this.deps.vault.status().state === 'unlocked' ? this.deps.vault.getSecret(secretName(id)) : undefined;
    let revoked: boolean | null = null;
    if (token) {
      revoked = await this.client(id, token)
        .call('logout', {})
        .then(() => true)
        .catch((error: unknown) => error instanceof AdminClientError && error.code === 'unauthenticated');
    }
    if (this.deps.vault.status().state === 'unlocked') await this.deps.vault.deleteSecret(secretName(id));
    this.sessions.delete(id);
    this.used.forget(id);
    this.deps.settings.set({ adminServers: this.deps.settings.get().adminServers.filter((p) => p.id !== id) });
    const until = this.deps.clock.now() + UNDO_REMOVE_MS;
    this.removed.set(id, { profile, until });
    return { revoked, undoUntil: new Date(until).toISOString() };
  }

  /** Undo of removeServer within UNDO_REMOVE_MS: the profile and its link come back; signing in is needed again. */
  restoreServer(id: string): ServerView {
    const entry = this.removed.get(id);
    this.removed.delete(id);
    if (!entry || entry.until < this.deps.clock.now()) {
      throw new AdminClientError('server-not-found', 'Undo is no longer possible (it lasts 10 seconds). Add the server again with its address.');
    }
    const list = this.deps.settings.get().adminServers;
    const clash = list.find((p) => p.url === entry.profile.url);
    if (clash) throw new AdminClientError('validation-failed', `${entry.profile.url} is already in your list again as "${clash.name}".`);
    this.deps.settings.set({ adminServers: [...list, entry.profile] });
    return { ...entry.profile, signedInAs: null };
  }

  async health(id: string): Promise<HealthView> {
    const { body } = await this.anonymous(this.profile(id).url).call('health', {});
    this.rememberIssuer(id, body.issuer);
    const serverTime = Date.parse(body.time);
    const skewSeconds = Number.isFinite(serverTime) ? (serverTime - this.deps.clock.now()) / 1000 : 0;
    this.skew.set(id, skewSeconds);
    return { version: body.version, serverTime: body.time, skewSeconds };
  }

  // ---- sign-in ----

  /** The user of the stored API key, or null when there is none or the server no longer accepts it. */
  async session(id: string): Promise<SessionUser | null> {
    const token = this.storedToken(id);
    if (!token) return null;
    try {
      const { body } = await this.client(id, token).call('me', {});
      const { credential: _credential, ...user } = body;
      this.state(id).user = user;
      return user;
    } catch (error) {
      if (error instanceof AdminClientError && error.code === 'unauthenticated') return null;
      throw error;
    }
  }

  async signIn(id: string, username: string, password: string): Promise<SignInStep> {
    this.requireVault();
    // Ask /health again: if the server now names another issuer than when its account was linked,
    // the link stops filling in codes (server-link.ts) and the window says so.
    await this.health(id);
    const profile = this.profile(id);
    const { body } = await this.anonymous(profile.url).call('login', { body: { username, password, issue: 'apiKey', apiKeyName: API_KEY_NAME } });
    const state = this.state(id);
    if (body.result === 'authenticated') return { step: 'signed-in', user: await this.finishSignIn(id, body.apiKey?.token, body.user) };
    state.ticket = { value: body.challenge.ticket, kind: body.result === 'mfa_required' ? 'totp' : 'enroll', username };
    if (body.result === 'mfa_enrollment_required') return { step: 'enroll', expiresAt: body.challenge.expiresAt };
    return { step: 'totp', expiresAt: body.challenge.expiresAt, vaultCode: this.vaultCode(id) };
  }

  async submitCode(id: string, code: string): Promise<SessionUser> {
    const ticket = this.openTicket(id, 'totp');
    const { body } = await this.sendingCode(id, code, () => this.anonymous(this.profile(id).url).call('loginTotp', { body: { ticket: ticket.value, code } }));
    this.state(id).ticket = null;
    return this.finishSignIn(id, body.apiKey?.token, body.user);
  }

  /**
   * "Enroll with Twofold" at sign-in: starts enrollment with the ticket, adds the new secret to the
   * vault, and completes sign-in with its current code (RFC 6238), all without the secret leaving main.
   */
  async enrollAtSignIn(id: string): Promise<Enrolled> {
    const ticket = this.openTicket(id, 'enroll');
    const client = this.anonymous(this.profile(id).url);
    const { body: started } = await client.call('loginEnrollment', { body: { ticket: ticket.value } });
    const { label, account } = await this.addEnrollmentToVault(id, started, ticket.username);
    const code = generateCode(parseOtpauthUri(started.otpauthUri).otp, this.deps.clock.now());
    const { body } = await this.sendingCode(id, code, () => client.call('loginTotp', { body: { ticket: ticket.value, code } }));
    this.state(id).ticket = null;
    const user = await this.finishSignIn(id, body.apiKey?.token, body.user);
    return { accountLabel: label, user, ...(await this.keepEnrollmentCodes(account, body.recoveryCodes)) };
  }

  /**
   * The code of the vault account linked to this server, for the user signing in or signed in
   * (see server-link.ts for what is guaranteed). The window polls this while a field follows the
   * vault, so the field changes with each period and never shows a code this server already took.
   */
  vaultCode(id: string): VaultCode {
    const profile = this.profile(id);
    const state = this.sessions.get(id);
    const username = state?.ticket?.username ?? state?.user?.username ?? null;
    const unlocked = this.deps.vault.status().state === 'unlocked';
    const now = this.deps.clock.now();
    const code = vaultCodeFor({ profile, accounts: unlocked ? this.deps.vault.accounts() : null, username, now, isUsed: (c) => this.used.has(id, c, now) });
    return code.state === 'linked' ? { ...code, recoveryCodesUnused: usableCodes(this.linkedVaultAccount(id)).length } : code;
  }

  /** The vault account linked to this server for the user signing in or signed in, while the link holds (server-link.ts). */
  private linkedVaultAccount(id: string) {
    if (this.deps.vault.status().state !== 'unlocked') return null;
    const state = this.sessions.get(id);
    const username = state?.ticket?.username ?? state?.user?.username ?? null;
    return linkedAccount({ profile: this.profile(id), accounts: this.deps.vault.accounts(), username, now: this.deps.clock.now() });
  }

  /** "Enroll with Twofold" keeps the server's codes in the account it just created and linked. Key material. */
  private async keepEnrollmentCodes(account: Account | undefined, codes: readonly string[] | undefined): Promise<Pick<Enrolled, 'recoveryCodes' | 'recoveryCodesSavedTo'>> {
    if (!codes) return {};
    return { recoveryCodes: [...codes], recoveryCodesSavedTo: account ? await storeServerCodes(this.deps.vault, account, codes) : null };
  }

  /** What the user chooses from when linking: this server's origin and issuer, and the vault accounts that fit it. */
  linkChoice(id: string): LinkChoice {
    this.requireVault();
    const profile = this.profile(id);
    return {
      origin: originOf(profile),
      issuer: profile.issuer ?? null,
      username: this.linkUsername(id),
      linkedAccountId: profile.link?.accountId ?? null,
      candidates: this.deps.vault
        .accounts()
        .filter(fitsServer)
        .map((a) => ({ accountId: a.id, label: accountLabel(a) })),
    };
  }

  /**
   * The user links a vault account to this server after seeing its origin (issue #12.3). Binds
   * the origin and the issuer the server names now; a later change of either stops filling.
   */
  async linkAccount(id: string, accountId: string): Promise<VaultCode> {
    this.requireVault();
    const profile = this.profile(id);
    const account = this.deps.vault.accounts().find((a) => a.id === accountId);
    if (!account || !fitsServer(account)) {
      throw new AdminClientError('validation-failed', 'This vault account cannot be linked: MFA servers use time-based codes of 6 digits every 30 seconds (SHA-1).');
    }
    // Guarantee: a link (and so every code this server will ever be sent from the vault) exists
    // only after the user confirmed it in a dialog main draws, naming the server's origin and the
    // account. A compromised admin renderer can ask, but cannot answer for the user.
    const origin = originOf(profile);
    const label = accountLabel(account);
    const confirmed = await (this.deps.confirm ?? refuseAllConfirmations).confirm({
      title: 'Link a vault account to this server?',
      message: `Codes of "${label}" will be filled in for ${origin}.`,
      detail: `Link only if ${origin} is where this account belongs${profile.issuer ? ` (it names itself "${profile.issuer}")` : ''}. A server you do not trust could use a code to sign in to that account elsewhere.`,
      confirmLabel: 'Link',
    });
    if (!confirmed) throw new AdminClientError('link-not-confirmed', `Not linked: the link of "${label}" to ${origin} was not confirmed.`);
    this.setLink(id, accountId, this.linkUsername(id), 'user');
    return this.vaultCode(id);
  }  /** Revokes the API key on the server when it can, and always deletes it from the vault. */
  async signOut(id: string): Promise<void> {
    const token = this.storedToken(id);
    if (token) await this.client(id, token).call('logout', {}).catch(() => undefined);
    if (this.deps.vault.status().state === 'unlocked') await this.deps.vault.deleteSecret(secretName(id));
    this.sessions.delete(id);
  }

  // ---- admin calls ----

  async policy(id: string): Promise<PolicyView> {
    const { body, etag } = await this.authed(id, (c) => c.call('getPolicy', {}));
    this.rememberIssuer(id, body.issuer);
    return { policy: body, etag: etag ?? `"${body.version}"` };
  }

  async updatePolicy(id: string, etag: string, change: PolicyUpdateRequest): Promise<PolicyView> {
    const put = () => this.authed(id, (c) => c.call('putPolicy', { body: change, ifMatch: etag }));
    const { body, etag: next } = change.currentCode ? await this.sendingCode(id, change.currentCode, put) : await put();
    this.rememberIssuer(id, body.issuer);
    return { policy: body, etag: next ?? `"${body.version}"` };
  }

  async users(id: string, query: UsersQuery) {
    return (await this.authed(id, (c) => c.call('listUsers', { query }))).body;
  }

  /**
   * Resetting an enrolled user's MFA is a step-up change on the server (issue #11): it needs a
   * current code from the admin's own authenticator. `code` is what the admin typed; without it,
   * the current code of the vault account LINKED to this server profile is used (never one found
   * by issuer name: see server-link.ts). The server decides whether a code was needed.
   */
  async resetUserMfa(id: string, userId: string, code?: string | null) {
    const linked = this.vaultCode(id);
    const currentCode = code ?? (linked.state === 'linked' && !linked.used ? linked.code : null);
    const send = () => this.authed(id, (c) => c.call('resetUserMfa', { params: { id: userId }, body: currentCode ? { currentCode } : undefined }));
    return (currentCode ? await this.sendingCode(id, currentCode, send) : await send()).body;
  }

  /**
   * Requires MFA for one user, or lifts that. Lifting weakens protection (step-up on the server):
   * it carries the current code of the vault account LINKED to this server, as reset does.
   */
  async requireUserMfa(id: string, userId: string, required: boolean) {
    if (required) return (await this.authed(id, (c) => c.call('requireUserMfa', { params: { id: userId } }))).body;
    const linked = this.vaultCode(id);
    const currentCode = linked.state === 'linked' && !linked.used ? linked.code : null;
    const send = () => this.authed(id, (c) => c.call('liftUserMfaRequirement', { params: { id: userId }, body: currentCode ? { currentCode } : undefined }));
    return (currentCode ? await this.sendingCode(id, currentCode, send) : await send()).body;
  }

  /**
   * Key material: a new set of the caller's recovery codes (the old set stops working), passed to
   * the window once and stored in the vault account linked to this server in place of the old set.
   */
  async regenerateRecoveryCodes(id: string, password: string, code: string) {
    const { body } = await this.sendingCode(id, code, () => this.authed(id, (c) => c.call('regenerateRecoveryCodes', { body: { password, code } })));
    const account = this.linkedVaultAccount(id);
    return { ...body, savedTo: account ? await storeServerCodes(this.deps.vault, account, body.recoveryCodes) : null };
  }

  /**
   * Signs in with a recovery code instead of the TOTP code (issue #13.6). `typed` is a code the
   * user typed; null takes the first unused stored code of the vault account LINKED to this server
   * (same rule as OTP codes: server-link.ts), so the window never sees it. Once the server accepts
   * it, the stored code (taken or typed) is struck as used.
   */
  async submitRecoveryCode(id: string, typed: string | null): Promise<RecoverySignIn> {
    const ticket = this.openTicket(id, 'totp');
    const account = this.linkedVaultAccount(id);
    const recoveryCode = typed ?? usableCodes(account)[0]?.code;
    if (!recoveryCode) {
      throw new AdminClientError('validation-failed', account ? `${accountLabel(account)} has no unused recovery code for this server. Type one instead.` : 'No vault account linked to this server keeps recovery codes. Type a recovery code instead.');
    }
    let body;
    try {
      ({ body } = await this.anonymous(this.profile(id).url).call('loginTotp', { body: { ticket: ticket.value, recoveryCode } }));
    } catch (error) {
      // The server says this code was already used (on its web page, say): strike the stored copy too.
      if (account && error instanceof AdminClientError && error.code === 'recovery-code-used') await strikeStoredCode(this.deps.vault, account, recoveryCode);
      throw error;
    }
    this.state(id).ticket = null;
    const struck = account ? await strikeStoredCode(this.deps.vault, account, recoveryCode) : false;
    const user = await this.finishSignIn(id, body.apiKey?.token, body.user);
    return { user, recoveryCodesRemaining: body.recoveryCodesRemaining ?? null, struckIn: struck && account ? accountLabel(account) : null };
  }

  /** Clears a user's TOTP lockout and password delay without removing their authenticator. */
  async unlockUserMfa(id: string, userId: string) {
    return (await this.authed(id, (c) => c.call('unlockUserMfa', { params: { id: userId } }))).body;
  }

  async myMfa(id: string) {
    return (await this.authed(id, (c) => c.call('meMfa', {}))).body;
  }

  /** "Enroll with Twofold" when signed in: start, add to the vault, confirm with the current code. */
  async enrollMe(id: string, password: string): Promise<Enrolled> {
    const user = this.state(id).user ?? (await this.session(id));
    if (!user) throw new AdminClientError('not-signed-in', 'Sign in first.');
    const { body: started } = await this.authed(id, (c) => c.call('enrollmentStart', { body: { password } }));
    const { label, account } = await this.addEnrollmentToVault(id, started, user.username);
    const code = generateCode(parseOtpauthUri(started.otpauthUri).otp, this.deps.clock.now());
    const { body } = await this.sendingCode(id, code, () => this.authed(id, (c) => c.call('enrollmentConfirm', { body: { code } })));
    return { accountLabel: label, user, ...(await this.keepEnrollmentCodes(account, body.recoveryCodes)) };
  }

  async disableMyMfa(id: string, password: string, code: string): Promise<void> {
    await this.sendingCode(id, code, () => this.authed(id, (c) => c.call('disableMfa', { body: { password, code } })));
  }

  async audit(id: string, query: AuditEventsQuery) {
    return (await this.authed(id, (c) => c.call('auditEvents', { query }))).body;
  }

  /**
   * Exports every audit event matching the filters (issue #15.6). The path comes only from the
   * save dialog shown by main; the window names neither a path nor a file. Pages through the
   * server (200 a page) up to AUDIT_EXPORT_MAX_EVENTS, then writes the file once, so a failure
   * half-way writes nothing. Returns null when the user cancels the dialog.
   */
  async exportAudit(id: string, filters: Omit<AuditEventsQuery, 'cursor' | 'limit'>, format: AuditExportFormat): Promise<AuditExport> {
    const files = this.deps.files;
    if (!files) throw new AdminClientError('window-unavailable', 'Saving files is not available here.');
    const profile = this.profile(id);
    const ext = format === 'csv' ? 'csv' : 'jsonl';
    const day = new Date(this.deps.clock.now()).toISOString().slice(0, 10);
    const path = await files.dialogs.chooseExportPath({
      title: 'Export audit events',
      defaultName: `audit-${new URL(profile.url).hostname}-${day}.${ext}`,
      filters: format === 'csv' ? [{ name: 'CSV', extensions: ['csv'] }] : [{ name: 'JSON Lines', extensions: ['jsonl'] }],
    });
    if (!path) return null;
    const events: AuditEvent[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.audit(id, { ...filters, limit: 200, ...(cursor ? { cursor } : {}) });
      events.push(...page.items);
      if (events.length > AUDIT_EXPORT_MAX_EVENTS) {
        throw new AdminClientError('validation-failed', `More than ${AUDIT_EXPORT_MAX_EVENTS.toLocaleString('en')} events match. Narrow the dates or the event type, then export again. Nothing was written.`);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    await files.access.write(path, format === 'csv' ? auditEventsToCsv(events) : auditEventsToJsonLines(events));
    return { count: events.length, fileName: path.split(/[\\/]/).pop() ?? path };
  }

  // ---- internals ----

  private profile(id: string): AdminServerProfile {
    const found = this.deps.settings.get().adminServers.find((p) => p.id === id);
    if (!found) throw new AdminClientError('server-not-found', 'This server is no longer in your list. Add it again.');
    return found;
  }

  private state(id: string): SessionState {
    let s = this.sessions.get(id);
    if (!s) this.sessions.set(id, (s = { user: null, ticket: null }));
    return s;
  }

  private anonymous(url: string): AdminHttpClient {
    return new AdminHttpClient(url, this.fetchImpl, this.deps.clock);
  }

  private client(id: string, token: string): AdminHttpClient {
    return new AdminHttpClient(this.profile(id).url, this.fetchImpl, this.deps.clock, token);
  }

  private requireVault(): void {
    if (this.deps.vault.status().state !== 'unlocked') {
      throw new AdminClientError('vault-locked', 'Unlock Twofold first: the server key is kept in your vault.');
    }
  }

  private storedToken(id: string): string | undefined {
    this.requireVault();
    return this.deps.vault.getSecret(secretName(id));
  }

  /** Runs an authenticated call; a key the server refuses (revoked, expired) is forgotten. */
  private async authed<T>(id: string, run: (client: AdminHttpClient) => Promise<T>): Promise<T> {
    const token = this.storedToken(id);
    if (!token) throw new AdminClientError('unauthenticated', `Sign in to ${this.profile(id).name} first.`);
    try {
      return await run(this.client(id, token));
    } catch (error) {
      if (error instanceof AdminClientError && error.code === 'unauthenticated') {
        this.state(id).user = null;
        await this.deps.vault.deleteSecret(secretName(id)).catch(() => undefined);
      }
      throw error;
    }
  }

  private openTicket(id: string, kind: 'totp' | 'enroll') {
    const ticket = this.sessions.get(id)?.ticket;
    if (!ticket || ticket.kind !== kind) throw new AdminClientError('challenge-invalid', 'The sign-in step is no longer open. Sign in again with your password.');
    return ticket;
  }

  /** Key material: the API key goes straight into the vault. */
  private async finishSignIn(id: string, token: string | undefined, user: SessionUser): Promise<SessionUser> {
    if (!token) throw new AdminClientError('unexpected-response', 'The server signed you in but issued no API key. Update the server.');
    if (!this.deps.settings.get().adminServers.some((p) => p.id === id)) {
      // Removed while signing in: the fresh key must not outlive the profile.
      await this.anonymousWithToken(id, token);
      throw new AdminClientError('server-not-found', 'This server was removed while you were signing in. Nothing was kept; add it again to sign in.');
    }
    await this.deps.vault.setSecret(secretName(id), token);
    this.state(id).user = user;
    await this.policy(id).catch(() => undefined);
    return user;
  }

  /**
   * Records the issuer the server names now. If it differs from the issuer of the link, the
   * link is marked changed (kept until the user links again): a server cannot switch its
   * issuer back and forth to get another account's code filled in.
   */
  private rememberIssuer(id: string, issuer: string): void {
    const list = this.deps.settings.get().adminServers;
    const profile = list.find((p) => p.id === id);
    if (!profile) return;
    const link = profile.link;
    const changedTo = link && link.issuer !== issuer ? issuer : link?.changedTo;
    if (profile.issuer === issuer && changedTo === link?.changedTo) return;
    const next: AdminServerProfile = { ...profile, issuer, ...(link ? { link: { ...link, ...(changedTo !== undefined ? { changedTo } : {}) } } : {}) };
    this.deps.settings.set({ adminServers: list.map((p) => (p.id === id ? next : p)) });
  }

  private setLink(id: string, accountId: string, username: string, via: 'enrollment' | 'user'): void {
    const list = this.deps.settings.get().adminServers;
    const profile = list.find((p) => p.id === id);
    if (!profile) throw new AdminClientError('server-not-found', 'This server is no longer in your list. Add it again.');
    const link = { accountId, username, issuer: profile.issuer ?? '', origin: originOf(profile), via };
    this.deps.settings.set({ adminServers: list.map((p) => (p.id === id ? { ...p, link } : p)) });
  }

  /** The username a link is for: the one signing in (open ticket) or signed in. */
  private linkUsername(id: string): string {
    const state = this.sessions.get(id);
    const username = state?.ticket?.username ?? state?.user?.username;
    if (!username) throw new AdminClientError('not-signed-in', 'Enter your username and password first: a linked account is for one user.');
    return username;
  }

  /**
   * Sends a code at most once: a code this server already took (accepted, or refused as
   * replayed) is refused here without a request, since the server would refuse it again and
   * count it towards the lockout. A wrong code mentions the clocks only when they really differ.
   */
  private async sendingCode<T>(id: string, code: string, send: () => Promise<T>): Promise<T> {
    const now = this.deps.clock.now();
    if (this.used.has(id, code, now)) throw this.replayed(now);
    try {
      const result = await send();
      this.used.mark(id, code, this.deps.clock.now());
      return result;
    } catch (error) {
      if (!(error instanceof AdminClientError)) throw error;
      if (error.code === 'mfa-code-replayed') {
        this.used.mark(id, code, this.deps.clock.now());
        throw this.replayed(this.deps.clock.now());
      }
      if (error.code === 'mfa-code-invalid') {
        await this.health(id).catch(() => undefined);
        const skew = Math.round(this.skew.get(id) ?? 0);
        if (Math.abs(skew) > SKEW_HINT_SECONDS) {
          throw new AdminClientError(
            error.code,
            `${error.message} The server's clock is ${Math.abs(skew)} s ${skew > 0 ? 'ahead of' : 'behind'} this computer's: codes depend on both clocks. Correct the clock that is wrong.`,
            error.field,
            error.status,
          );
        }
      }
      throw error;
    }
  }

  private replayed(now: number): AdminClientError {
    const period = TOTP_RULES.periodSeconds;
    const wait = Math.max(1, Math.ceil(period - ((now / 1000) % period)));
    return new AdminClientError('mfa-code-replayed', `The server already took this code; each code works once. The next one comes in ${wait} s and is filled in then.`);
  }

  /** Best-effort revocation of a key that has no profile to live in any more. */
  private async anonymousWithToken(id: string, token: string): Promise<void> {
    const url = this.removed.get(id)?.profile.url;
    if (url) await new AdminHttpClient(url, this.fetchImpl, this.deps.clock, token).call('logout', {}).catch(() => undefined);
  }

  /**
   * Key material: adds the enrollment's secret to the vault. An older entry for the same issuer
   * and user (from before a reset) is renamed, not deleted, so exactly one entry matches again.
   */
  private async addEnrollmentToVault(id: string, started: EnrollmentStartResponse, username: string): Promise<{ label: string; account: Account | undefined }> {
    this.requireVault();
    const draft = AccountDraftSchema.parse(parseOtpauthUri(started.otpauthUri));
    const issuer = draft.issuer || null;
    for (const old of matchingAccounts(this.deps.vault.accounts(), username, issuer)) {
      await this.deps.vault.updateAccount(old.id, { name: `${old.name} (replaced ${new Date(this.deps.clock.now()).toISOString().slice(0, 10)})` });
    }
    const [added] = await this.deps.vault.addAccounts([draft]);
    if (issuer) this.rememberIssuer(id, issuer);
    // "Enroll with Twofold" links the new account to this server: the user started enrollment
    // here, so this is the account whose codes belong to this origin.
    if (added) this.setLink(id, added.id, username, 'enrollment');
    return { label: accountLabel(draft), account: added };
  }
}
