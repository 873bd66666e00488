import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AccountDraft } from '../../shared/otp/account';

/**
 * Shared helpers for the import tests. The peer fixtures are read in place from
 * ../shared/fixtures/peers (relative to the repository root) and never copied into the repo:
 * they are GPL-3.0 third-party test data (see their README).
 */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const peersDir = path.resolve(repoRoot, '../shared/fixtures/peers');

export function peer(file: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(peersDir, file)));
}

/** The comparable part of a draft: what the README's tables list. */
export function summary(draft: AccountDraft): string {
  const { otp } = draft;
  const param = otp.type === 'hotp' ? `counter ${otp.counter}` : `${otp.period}s`;
  return `${otp.type}|${draft.issuer}|${draft.name}|${otp.algorithm}|${otp.digits}|${param}|${otp.secret}|${draft.tags.join(',') || '-'}`;
}

/** The 7 Aegis test accounts of the README, in the order aegis_plain.json lists them. */
export const SEVEN = [
  'totp|Deno|Mason|SHA1|6|30s|4SJHB4GSD43FZBAI7C2HLRJGPQ|-',
  'totp|SPDX|James|SHA256|7|20s|5OM4WOOGPLQEF6UGN3CPEOOLWU|-',
  'totp|Airbnb|Elijah|SHA512|8|50s|7ELGJSGXNCCTV3O6LKJWYFV2RA|-',
  'hotp|Issuu|James|SHA1|6|counter 1|YOOMIXWS5GN6RTBPUFFWKTW5M4|-',
  'hotp|Air Canada|Benjamin|SHA256|7|counter 50|KUVJJOM753IHTNDSZVCNKL7GII|-',
  'hotp|WWE|Mason|SHA512|8|counter 10300|5VAML3X35THCEBVRLV24CGBKOY|-',
  'steam|Boeing|Sophia|SHA1|5|30s|JRZCL47CMXVOQMNPZR2F7J4RGI|-',
];

export function draft(issuer: string, name: string, secret: string, overrides: Partial<AccountDraft> = {}): AccountDraft {
  return { issuer, name, otp: { type: 'totp', secret, algorithm: 'SHA1', digits: 6, period: 30 }, tags: [], favourite: false, note: '', ...overrides };
}
