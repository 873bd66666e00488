import { isSameAccount, type AccountDraft } from '../otp/account';
import type { UnsupportedMigrationItem } from '../otp/google-migration';
import type { MigrationBatchCollector, MigrationProgress } from '../otp/migration-batch';
import { classifyPayload } from './classify-payload';

/**
 * Turns the payloads one scan found into what the confirmation step shows: the accounts found
 * (flagged when the vault already has them), the progress of a multi-page Google export, and a
 * notice for every code that gave nothing to add and why. Nothing here adds anything: the user
 * confirms first (issue #4, "Confirmation").
 *
 * Key material: candidates carry their drafts (secrets). They stay in the main process; the
 * renderer gets `toCandidateView` copies.
 */

export interface FoundPayload {
  /** The decoded text of one QR code (or a pasted/clipboard text). */
  readonly text: string;
  /** Where it was found, for people: "Display 1", "export.png", "Camera", "Clipboard". */
  readonly source: string;
}

export interface PendingCandidate {
  readonly key: string;
  readonly draft: AccountDraft;
  readonly source: string;
  /** The vault already holds this account (same type, secret, issuer and name). */
  readonly duplicate: boolean;
}

export type ScanNoticeKind =
  | 'no-code'
  | 'not-authenticator'
  | 'invalid-code'
  | 'unsupported-account'
  | 'migration-page'
  | 'migration-complete';

export interface ScanNotice {
  readonly kind: ScanNoticeKind;
  readonly message: string;
  /** For 'not-authenticator': the payload's URI scheme, or null for plain text. */
  readonly scheme?: string | null;
  readonly source?: string;
}

export interface ScanReview {
  readonly codesFound: number;
  readonly candidates: PendingCandidate[];
  readonly notices: ScanNotice[];
  /** A multi-page export still being collected ("2 of 3 scanned", "page 3 of 3 is missing"). */
  readonly migration: MigrationProgress | null;
}

export interface ReviewContext {
  readonly existing: readonly Pick<AccountDraft, 'issuer' | 'name' | 'otp'>[];
  /** Lives as long as the scan dialog: pages of one export arrive over several scans. */
  readonly collector: MigrationBatchCollector;
  readonly newKey: () => string;
  /** The 'no-code' notice when nothing was found, worded for the source (screen, file, camera). */
  readonly noCodeMessage: string;
}

function unsupportedNotice(item: UnsupportedMigrationItem, source: string): ScanNotice {
  const who = [item.issuer, item.name].filter((part) => part !== '').join(' — ') || 'An account';
  return { kind: 'unsupported-account', message: `${who} cannot be imported: ${item.reason}`, source };
}

export function reviewPayloads(found: readonly FoundPayload[], ctx: ReviewContext): ScanReview {
  const candidates: PendingCandidate[] = [];
  const notices: ScanNotice[] = [];
  const seen = new Set<string>();

  const offer = (draft: AccountDraft, source: string) => {
    if (candidates.some((c) => isSameAccount(c.draft, draft))) return;
    const duplicate = ctx.existing.some((account) => isSameAccount(account, draft));
    candidates.push({ key: ctx.newKey(), draft, source, duplicate });
  };

  for (const { text, source } of found) {
    // The same code on two displays (or in two frames) counts once.
    if (seen.has(text)) continue;
    seen.add(text);
    const payload = classifyPayload(text);
    switch (payload.kind) {
      case 'otpauth':
        offer(payload.draft, source);
        break;
      case 'foreign':
        notices.push({ kind: 'not-authenticator', message: payload.message, scheme: payload.scheme, source });
        break;
      case 'invalid':
        notices.push({ kind: 'invalid-code', message: `This authenticator QR code cannot be used: ${payload.message}`, source });
        break;
      case 'migration': {
        const { page } = payload;
        if (page.batch.size <= 1) {
          for (const draft of page.accounts) offer(draft, source);
          for (const item of page.unsupported) notices.push(unsupportedNotice(item, source));
          break;
        }
        const outcome = ctx.collector.add(page);
        if (outcome.kind !== 'added') {
          notices.push({ kind: 'migration-page', message: outcome.message, source });
          break;
        }
        const collected = ctx.collector.result();
        if (collected) {
          const pages = outcome.progress.size;
          // The accounts come from every page, not from the image that completed the export.
          for (const draft of collected.accounts) offer(draft, `Google Authenticator export (${pages} codes)`);
          for (const item of collected.unsupported) notices.push(unsupportedNotice(item, source));
          notices.push({
            kind: 'migration-complete',
            message: `All ${pages} codes of the Google Authenticator export were scanned: ${collected.accounts.length} account${collected.accounts.length === 1 ? '' : 's'} found.`,
          });
          ctx.collector.reset();
        }
        break;
      }
    }
  }
  if (seen.size === 0) notices.push({ kind: 'no-code', message: ctx.noCodeMessage });
  return { codesFound: seen.size, candidates, notices, migration: ctx.collector.progress() };
}
