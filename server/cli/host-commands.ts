import { randomBytes } from 'node:crypto';
import { EnforcementModeSchema, IssuerSchema, NewPasswordSchema, UsernameSchema, effectiveMode, type EnforcementMode, type Role } from '../../shared/admin-api';
import { HOST_ACTOR } from '../domain/audit-log';
import { newId } from '../crypto/tokens';
import type { ServiceContext } from '../services/context';
import { applyModeChangeToDeadlines } from '../services/enrollment-demand';
import { UsageError } from './args';

/**
 * Host-side commands: run on the server's machine with the data directory locked (the server
 * stopped). They are the recovery path when every admin is locked out, so `mfa reset` and
 * `policy set` deliberately bypass the lockout safeguard, and every use is audited as
 * `via: host-command`.
 */

export function validatePassword(password: string): string {
  const r = NewPasswordSchema.safeParse(password);
  if (!r.success) throw new UsageError(r.error.issues[0]?.message ?? 'The password is not acceptable.');
  return password;
}

export async function addUser(ctx: ServiceContext, username: string, role: Role, password: string): Promise<string> {
  if (!UsernameSchema.safeParse(username).success) throw new UsageError(`"${username}" is not a valid username (1-64 letters, digits, ".", "_", "@", "-").`);
  if (ctx.users.byUsername(username)) throw new UsageError(`A user named "${username}" already exists.`);
  const hash = await ctx.hasher.hash(validatePassword(password));
  const id = newId('u');
  const now = ctx.clock.now();
  ctx.db.transaction(() => {
    ctx.users.insert({ id, username, password_hash: hash, role, permissions: '[]', created_at: now });
    ctx.audit.append(now, 'user-created', HOST_ACTOR, { id, username }, { role });
  })();
  return id;
}

/** Sets a new password and revokes every session, API key and open ticket of the user. */
export async function setPassword(ctx: ServiceContext, username: string, password: string): Promise<void> {
  const user = ctx.users.byUsername(username);
  if (!user) throw new UsageError(`No user named "${username}".`);
  const hash = await ctx.hasher.hash(validatePassword(password));
  ctx.db.transaction(() => {
    ctx.users.setPasswordHash(user.id, hash);
    ctx.credentials.revokeAllFor(user.id);
    ctx.audit.append(ctx.clock.now(), 'password-changed', HOST_ACTOR, { id: user.id, username: user.username });
  })();
}

export function resetMfa(ctx: ServiceContext, username: string): void {
  const user = ctx.users.byUsername(username);
  if (!user) throw new UsageError(`No user named "${username}".`);
  ctx.db.transaction(() => {
    ctx.users.clearMfa(user.id);
    ctx.audit.append(ctx.clock.now(), 'mfa-reset', HOST_ACTOR, { id: user.id, username: user.username }, { safeguardBypassed: true });
  })();
}

export function setPolicy(ctx: ServiceContext, mode: string, issuer: string | undefined): void {
  const parsedMode = EnforcementModeSchema.safeParse(mode);
  if (!parsedMode.success) throw new UsageError('--mode must be Disabled, Optional or Required.');
  const current = ctx.policy.get();
  const nextIssuer = issuer ?? current.issuer;
  const issuerCheck = IssuerSchema.safeParse(nextIssuer);
  if (!issuerCheck.success) throw new UsageError(issuerCheck.error.issues[0]?.message ?? 'The issuer is not acceptable.');
  const enforcementMode: EnforcementMode = parsedMode.data;
  const now = ctx.clock.now();
  ctx.db.transaction(() => {
    ctx.audit.append(now, 'policy-changed', HOST_ACTOR, null, {
      fromMode: current.enforcementMode,
      toMode: enforcementMode,
      fromEnabled: current.enabled,
      toEnabled: enforcementMode !== 'Disabled',
      issuer: nextIssuer,
      version: current.version + 1,
      safeguardBypassed: true,
    });
    applyModeChangeToDeadlines(ctx, effectiveMode(current), enforcementMode, current.gracePeriodDays, now);
    ctx.policy.save({ enabled: enforcementMode !== 'Disabled', enforcementMode, issuer: nextIssuer, updatedBy: 'host-command' }, now);
  })();
}

/**
 * First start on an empty data directory: creates the Server Admin `admin` with
 * TWOFOLD_ADMIN_PASSWORD, or a generated password that is returned to be printed once.
 */
export async function ensureInitialAdmin(ctx: ServiceContext, envPassword: string | undefined): Promise<{ created: boolean; generatedPassword?: string }> {
  if (ctx.users.summary().total > 0) return { created: false };
  const generated = envPassword ? undefined : randomBytes(15).toString('base64url');
  await addUser(ctx, 'admin', 'server_admin', envPassword || (generated as string));
  return generated ? { created: true, generatedPassword: generated } : { created: true };
}
