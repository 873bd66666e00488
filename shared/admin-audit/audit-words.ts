import type { AuditEvent, AuditEventType } from '../admin-api';

/**
 * The audit log in words, for the admin window and its exports. Pure: no DOM, no Node. The
 * server's `detail` is untrusted data from a remote machine: it is only ever rendered as text
 * (React escapes it; the CSV writer neutralises formulas), never as markup.
 */
export const AUDIT_TYPE_LABELS: Record<AuditEventType, string> = {
  'login-succeeded': 'Signed in',
  'login-failed': 'Sign-in failed',
  'mfa-enrollment-started': 'Enrollment started',
  'mfa-enrolled': 'Enrolled in MFA',
  'mfa-verify-succeeded': 'Code accepted',
  'mfa-verify-failed': 'Code refused',
  'mfa-replay-rejected': 'Reused code refused',
  'mfa-locked': 'Code entry locked',
  'mfa-reset': 'MFA reset',
  'mfa-disabled': 'MFA turned off',
  'policy-changed': 'Policy changed',
  'policy-change-refused': 'Policy change refused',
  'change-refused': 'Change refused',
  'user-created': 'User created',
  'user-updated': 'User changed',
  'user-deleted': 'User deleted',
  'password-changed': 'Password changed',
  'mfa-recovery-code-used': 'Recovery code used',
  'mfa-recovery-codes-issued': 'Recovery codes issued',
  'mfa-requirement-set': 'MFA required for user',
  'mfa-requirement-lifted': 'MFA requirement lifted',
  'mfa-unlocked': 'Code entry unlocked',
  'credential-revoked': 'Sign-in revoked',
};

/** Label of a type the server may send in future (the enum is closed today, the wire is not). */
export function auditTypeLabel(type: string): string {
  return (AUDIT_TYPE_LABELS as Record<string, string>)[type] ?? type;
}

const ENTRY_POINTS: Record<string, string> = {
  login: 'at sign-in',
  'login-enrollment': 'while enrolling at sign-in',
  'enrollment-confirm': 'confirming enrollment',
  'policy-change': 'to change the policy',
  disable: 'to turn MFA off',
  'step-up': 'to confirm a change that removes protection',
  'password-change': 'changing the password',
  'enrollment-start': 'starting enrollment',
  'mfa-disable': 'turning MFA off',
  'recovery-codes': 'to get new recovery codes',
};

const REASONS: Record<string, string> = {
  'wrong-password': 'wrong password',
  'wrong-code': 'wrong code',
  locked: 'code entry was locked',
};

const ACTIONS: Record<string, string> = {
  'mfa-reset': 'reset MFA',
  'mfa-disable': 'turn MFA off',
  'role-change': 'change the role',
  delete: 'delete the user',
};

const str = (v: unknown): string | null => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : null);

function policyMode(enabled: unknown, mode: unknown): string | null {
  const m = str(mode);
  if (m === null) return null;
  return enabled === false ? 'Disabled' : m;
}

function when(iso: string, formatTime: (iso: string) => string): string {
  return Number.isFinite(Date.parse(iso)) ? formatTime(iso) : iso;
}

/**
 * The details of one event as a sentence fragment. Known keys are said in words; unknown keys
 * (a newer server) still appear as "key: value" so nothing is hidden.
 */
export function describeAuditDetail(event: Pick<AuditEvent, 'type' | 'detail'>, formatTime: (iso: string) => string): string {
  const d = event.detail;
  const parts: string[] = [];
  const used = new Set<string>();
  const take = (key: string): string | null => {
    used.add(key);
    return str(d[key]);
  };
  if (event.type === 'policy-changed' || event.type === 'policy-change-refused') {
    used.add('fromEnabled');
    used.add('toEnabled');
    used.add('fromMode');
    used.add('toMode');
    const from = policyMode(d.fromEnabled, d.fromMode) ?? str(d.from);
    const to = policyMode(d.toEnabled, d.toMode) ?? str(d.to);
    used.add('from');
    used.add('to');
    if (from && to) parts.push(from === to ? `mode stays ${to}` : `${from} → ${to}`);
    const issuer = take('issuer');
    if (issuer) parts.push(`issuer "${issuer}"`);
    const version = take('version');
    if (version) parts.push(`version ${version}`);
  }
  const entry = take('entryPoint');
  if (entry) parts.push(ENTRY_POINTS[entry] ?? `via ${entry}`);
  const reason = take('reason');
  if (reason) parts.push(REASONS[reason] ?? reason);
  const action = take('action');
  if (action) parts.push(`tried to ${ACTIONS[action] ?? action}`);
  const code = take('code');
  if (code) parts.push(`refused: ${code.replace(/-/g, ' ')}`);
  const failures = take('failures');
  if (failures) parts.push(`after ${failures} failures`);
  const until = take('until');
  if (until) parts.push(until === 'admin-reset' ? 'until an admin resets it' : `until ${when(until, formatTime)}`);
  const issue = take('issue');
  if (issue) parts.push(issue === 'apiKey' ? 'API key issued' : issue === 'session' ? 'browser session' : issue);
  const step = take('step');
  if (step) parts.push(step === 'password' ? 'password only' : step === 'totp' ? 'with a code' : `step: ${step}`);
  const role = take('role');
  if (role) parts.push(`role ${role === 'server_admin' ? 'Server Admin' : role}`);
  const permissions = take('permissions');
  if (permissions) parts.push(`permissions ${permissions}`);
  if (d.safeguardBypassed === true) parts.push('host command, safeguard bypassed');
  used.add('safeguardBypassed');
  for (const [key, value] of Object.entries(d)) {
    if (used.has(key)) continue;
    const text = str(value) ?? (value === null || value === undefined ? null : JSON.stringify(value));
    if (text !== null) parts.push(`${key}: ${text}`);
  }
  return parts.join(', ');
}
