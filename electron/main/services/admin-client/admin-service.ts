import { randomUUID } from 'node:crypto';
import type { EnrollmentStartResponse, SessionUser, UsersQuery, AuditEventsQuery, PolicyUpdateRequest } from '../../../../shared/admin-api';
import type { CodeSuggestion, Enrolled, HealthView, PolicyView, ServerView, SignInStep } from '../../../../shared/ipc/admin-channels';
import { AccountDraftSchema } from '../../../../shared/otp/account';
import { generateCode } from '../../../../shared/otp/generate';
import { parseOtpauthUri } from '../../../../shared/otp/otpauth-uri';
import type { AdminServerProfile, SettingsStore } from '../../../../shared/settings';
import type { Clock } from '../clock';
import type { VaultApi } from '../vault';
import { AdminClientError } from './admin-client-error';
import { AdminHttpClient, type FetchPort } from './admin-http-client';
import { normalizeServerUrl } from './server-url';
import { accountLabel, matchingAccounts, suggestCode } from './vault-codes';

export interface AdminServiceDeps {
  vault: VaultApi;
  settings: SettingsStore;
  clock: Clock;
  fetch?: FetchPort;
  /** Opens (or focuses) the admin window; absent where there are no windows (tests, CLI). */
  openWindow?: () => void;
}

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

  /** Forgets the server and deletes its API key from the vault (first, so no key is left behind). */
  async removeServer(id: string): Promise<void> {
    this.profile(id);
    if (this.deps.vault.status().state === 'unlocked') await this.deps.vault.deleteSecret(secretName(id));
    this.sessions.delete(id);
    this.deps.settings.set({ adminServers: this.deps.settings.get().adminServers.filter((p) => p.id !== id) });
  }

  async health(id: string): Promise<HealthView> {
    const { body } = await this.anonymous(this.profile(id).url).call('health', {});
    this.rememberIssuer(id, body.issuer);
    const serverTime = Date.parse(body.time);
    return { version: body.version, serverTime: body.time, skewSeconds: Number.isFinite(serverTime) ? (serverTime - this.deps.clock.now()) / 1000 : 0 };
  }

  // ---- sign-in ----

  /** The user of the stored API key, or null when there is none or the server no longer accepts it. */
  async session(id: string): Promise<SessionUser | null> {
    const token = this.storedToken(id);
    if (!token) return null;
    try {
      const { body } = await this.client(id, token).call('me', {});
      this.state(id).user = body;
      return body;
    } catch (error) {
      if (error instanceof AdminClientError && error.code === 'unauthenticated') return null;
      throw error;
    }
  }

  async signIn(id: string, username: string, password: string): Promise<SignInStep> {
    this.requireVault();
    // The issuer may have changed since the profile was added (or the profile predates /health
    // naming it): ask again, so the code suggested below is this server's account.
    const { body: health } = await this.anonymous(this.profile(id).url).call('health', {});
    this.rememberIssuer(id, health.issuer);
    const profile = this.profile(id);
    const { body } = await this.anonymous(profile.url).call('login', { body: { username, password, issue: 'apiKey', apiKeyName: API_KEY_NAME } });
    const state = this.state(id);
    if (body.result === 'authenticated') return { step: 'signed-in', user: await this.finishSignIn(id, body.apiKey?.token, body.user) };
    state.ticket = { value: body.challenge.ticket, kind: body.result === 'mfa_required' ? 'totp' : 'enroll', username };
    if (body.result === 'mfa_enrollment_required') return { step: 'enroll', expiresAt: body.challenge.expiresAt };
    return { step: 'totp', expiresAt: body.challenge.expiresAt, suggestion: this.suggest(profile, username) };
  }

  async submitCode(id: string, code: string): Promise<SessionUser> {
    const ticket = this.openTicket(id, 'totp');
    const { body } = await this.anonymous(this.profile(id).url).call('loginTotp', { body: { ticket: ticket.value, code } });
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
    const label = await this.addEnrollmentToVault(id, started, ticket.username);
    const code = generateCode(parseOtpauthUri(started.otpauthUri).otp, this.deps.clock.now());
    const { body } = await client.call('loginTotp', { body: { ticket: ticket.value, code } });
    this.state(id).ticket = null;
    return { accountLabel: label, user: await this.finishSignIn(id, body.apiKey?.token, body.user) };
  }

  /** The code of the one vault account of `username` (default: the signed-in user) on this server. */
  suggestCodeFor(id: string, username: string | null): CodeSuggestion | null {
    const profile = this.profile(id);
    const name = username ?? this.sessions.get(id)?.user?.username ?? null;
    if (!name || this.deps.vault.status().state !== 'unlocked') return null;
    return this.suggest(profile, name);
  }

  /** Revokes the API key on the server when it can, and always deletes it from the vault. */
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
    const { body, etag: next } = await this.authed(id, (c) => c.call('putPolicy', { body: change, ifMatch: etag }));
    this.rememberIssuer(id, body.issuer);
    return { policy: body, etag: next ?? `"${body.version}"` };
  }

  async users(id: string, query: UsersQuery) {
    return (await this.authed(id, (c) => c.call('listUsers', { query }))).body;
  }

  /**
   * Resetting an enrolled user's MFA is a step-up change on the server (issue #11): it needs a
   * current code from the admin's own authenticator. `code` is what the admin typed; without it,
   * the code of the one vault account of this admin at this server is used (the vault is this
   * app's authenticator). The server decides whether a code was needed.
   */
  async resetUserMfa(id: string, userId: string, code?: string | null) {
    const currentCode = code ?? this.suggestCodeFor(id, null)?.code;
    return (await this.authed(id, (c) => c.call('resetUserMfa', { params: { id: userId }, body: currentCode ? { currentCode } : undefined }))).body;
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
    const label = await this.addEnrollmentToVault(id, started, user.username);
    const code = generateCode(parseOtpauthUri(started.otpauthUri).otp, this.deps.clock.now());
    await this.authed(id, (c) => c.call('enrollmentConfirm', { body: { code } }));
    return { accountLabel: label, user };
  }

  async disableMyMfa(id: string, password: string, code: string): Promise<void> {
    await this.authed(id, (c) => c.call('disableMfa', { body: { password, code } }));
  }

  async audit(id: string, query: AuditEventsQuery) {
    return (await this.authed(id, (c) => c.call('auditEvents', { query }))).body;
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
    await this.deps.vault.setSecret(secretName(id), token);
    this.state(id).user = user;
    await this.policy(id).catch(() => undefined);
    return user;
  }

  /** No issuer known, no suggestion: the username alone could match another service's account. */
  private suggest(profile: AdminServerProfile, username: string): CodeSuggestion | null {
    if (!profile.issuer) return null;
    return suggestCode(this.deps.vault.accounts(), username, profile.issuer, this.deps.clock.now());
  }

  private rememberIssuer(id: string, issuer: string): void {
    const list = this.deps.settings.get().adminServers;
    if (list.find((p) => p.id === id)?.issuer === issuer) return;
    this.deps.settings.set({ adminServers: list.map((p) => (p.id === id ? { ...p, issuer } : p)) });
  }

  /**
   * Key material: adds the enrollment's secret to the vault. An older entry for the same issuer
   * and user (from before a reset) is renamed, not deleted, so exactly one entry matches again.
   */
  private async addEnrollmentToVault(id: string, started: EnrollmentStartResponse, username: string): Promise<string> {
    this.requireVault();
    const draft = AccountDraftSchema.parse(parseOtpauthUri(started.otpauthUri));
    const issuer = draft.issuer || null;
    for (const old of matchingAccounts(this.deps.vault.accounts(), username, issuer)) {
      await this.deps.vault.updateAccount(old.id, { name: `${old.name} (replaced ${new Date(this.deps.clock.now()).toISOString().slice(0, 10)})` });
    }
    await this.deps.vault.addAccounts([draft]);
    if (issuer) this.rememberIssuer(id, issuer);
    return accountLabel(draft);
  }
}
