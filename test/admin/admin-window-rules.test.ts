import { describe, expect, it } from 'vitest';
import { AUDIT_EVENT_TYPES, type AuditEvent } from '../../shared/admin-api';
import { AUDIT_TYPE_LABELS, describeAuditDetail } from '../../shared/admin-audit/audit-words';
import { auditEventsToJsonLines, csvCell } from '../../shared/admin-audit/audit-export';
import { policyChangeWeakens } from '../../shared/admin-api/rules';
import { modeChangeEffect } from '../../renderer/admin/store/policy-effect';
import { auditTimeRange } from '../../renderer/admin/store/audit-time-range';

const summary = { total: 64, enrolled: 4, serverAdminsEnrolled: 1, membersNotEnrolled: 59 };

describe('what a mode change does, said before it is sent', () => {
  it('names how many users must enroll, or stop being asked for a code', () => {
    expect(modeChangeEffect('Optional', 'Required', summary)).toBe('60 users of 64 are not enrolled and must enroll at their next sign-in. 4 users already enrolled keep signing in with a code.');
    expect(modeChangeEffect('Optional', 'Disabled', summary)).toMatch(/^4 users enrolled stop being asked for a code at sign-in/);
    expect(modeChangeEffect('Required', 'Optional', summary)).toMatch(/^60 users not enrolled no longer have to enroll\. 4 users enrolled are still asked/);
    expect(modeChangeEffect('Disabled', 'Optional', summary)).toMatch(/^4 users enrolled will be asked for a code at sign-in again/);
    expect(modeChangeEffect('Optional', 'Required', null)).toMatch(/could not be loaded/);
  });

  it('asks for a step-up code when leaving Required or switching MFA off, not otherwise', () => {
    expect(policyChangeWeakens('Required', 'Optional')).toBe(true);
    expect(policyChangeWeakens('Optional', 'Disabled')).toBe(true);
    expect(policyChangeWeakens('Optional', 'Required')).toBe(false);
    expect(policyChangeWeakens('Disabled', 'Optional')).toBe(false);
  });
});

describe('the audit log in words', () => {
  const event = (type: AuditEvent['type'], detail: Record<string, unknown>): AuditEvent => ({ id: 1, at: '2026-01-01T09:00:00.000Z', type, actorId: null, actorUsername: 'admin', subjectId: null, subjectUsername: null, via: 'api', detail });

  it('has words for every event type', () => {
    for (const type of AUDIT_EVENT_TYPES) {
      expect(AUDIT_TYPE_LABELS[type]).toMatch(/^[A-Z]/);
      expect(AUDIT_TYPE_LABELS[type]).not.toBe(type);
    }
  });

  it('says policy changes, locks and refusals in words, and keeps unknown keys visible', () => {
    const iso = (s: string) => s;
    expect(describeAuditDetail(event('policy-changed', { fromMode: 'Optional', toMode: 'Required', fromEnabled: true, toEnabled: true, issuer: 'Acme', version: 3 }), iso)).toBe('Optional → Required, issuer "Acme", version 3');
    expect(describeAuditDetail(event('mfa-locked', { entryPoint: 'login', failures: 5, until: 'admin-reset' }), iso)).toBe('at sign-in, after 5 failures, until an admin resets it');
    expect(describeAuditDetail(event('change-refused', { action: 'mfa-reset', code: 'last-enrolled-server-admin' }), iso)).toBe('tried to reset MFA, refused: last enrolled server admin');
    expect(describeAuditDetail(event('login-failed', { reason: 'wrong-password', newKey: 'x' }), iso)).toBe('wrong password, newKey: x');
  });

  it('neutralises spreadsheet formulas from a hostile server in CSV cells, and quotes per RFC 4180', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell('plain')).toBe('plain');
  });

  it('writes one JSON object a line', () => {
    const lines = auditEventsToJsonLines([event('mfa-reset', {}), event('mfa-disabled', {})]).split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0]!)).toMatchObject({ type: 'mfa-reset', event: 'MFA reset' });
  });
});

describe('audit From/To days', () => {
  it('are local days: From is inclusive, To keeps its whole day, a reversed or impossible day is explained', () => {
    const range = auditTimeRange('2026-01-02', '2026-01-02');
    if ('error' in range) throw new Error(range.error);
    expect(Date.parse(range.from!)).toBe(new Date(2026, 0, 2).getTime());
    expect(Date.parse(range.to!)).toBe(new Date(2026, 0, 3).getTime());
    expect(auditTimeRange('2026-01-03', '2026-01-02')).toEqual({ error: 'The From date is after the To date. Pick a From date on or before the To date.' });
    expect(auditTimeRange('2026-02-31', '')).toMatchObject({ error: expect.stringMatching(/is not a date/) });
  });
});
