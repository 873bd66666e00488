import type { Policy } from '../../../shared/admin-api';

/** Says in words what differs between the policy the user edited and the one on the server now. */
export function describePolicyChange(before: Policy, after: Policy): string {
  const changes: string[] = [];
  if (before.enabled !== after.enabled) changes.push(`MFA ${after.enabled ? 'turned on' : 'turned off'}`);
  if (before.enforcementMode !== after.enforcementMode) changes.push(`enforcement ${before.enforcementMode} → ${after.enforcementMode}`);
  if (before.issuer !== after.issuer) changes.push(`issuer "${before.issuer}" → "${after.issuer}"`);
  const who = after.updatedBy ?? 'someone';
  const when = formatTime(after.updatedAt);
  const what = changes.length ? changes.join(', ') : 'saved it again without visible changes';
  return `${who} changed the policy at ${when}: ${what}. Your edit was not sent; the current policy is shown. Review it and save again if you still want your change.`;
}

export function formatTime(iso: string | null): string {
  if (!iso) return 'never';
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  return new Date(t).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}
