import type { AccountDraft } from './account';
import { parseMigrationUri, type MigrationPage, type UnsupportedMigrationItem } from './google-migration';

/**
 * Collects the pages of a multi-QR Google Authenticator export as they are scanned, in any order
 * and across several scans (camera frames, screen captures), keyed by batch_id and batch_index.
 *
 * Rules: the first page fixes the export (its batch_id and page count); a page seen before is
 * ignored; a page from another export, or one that disagrees about the page count, is refused
 * (`reset()` starts over). Once every page is in, `result()` yields the accounts in page order.
 *
 * Key material: the collected pages carry secrets until `reset()` or until the owner drops this
 * object; keep it in the main process and reset it when the import dialog closes.
 */

export interface MigrationProgress {
  batchId: number | null;
  /** Number of pages in the export. */
  size: number;
  /** Zero-based page numbers scanned so far, ascending. */
  scanned: number[];
  /** Zero-based page numbers still missing, ascending. */
  missing: number[];
  complete: boolean;
  /** "2 of 3 scanned". */
  message: string;
  /** "page 2 of 3 is missing", or null when complete. */
  missingMessage: string | null;
}

export type MigrationRefusal = 'other-export' | 'size-mismatch';

export type AddPageOutcome =
  | { kind: 'added'; page: number; progress: MigrationProgress }
  | { kind: 'duplicate'; page: number; progress: MigrationProgress; message: string }
  | { kind: 'refused'; reason: MigrationRefusal; progress: MigrationProgress; message: string };

export interface CollectedMigration {
  accounts: AccountDraft[];
  unsupported: UnsupportedMigrationItem[];
}

const LISTED_PAGES = 5;

function listPages(pages: number[]): string {
  if (pages.length > LISTED_PAGES) {
    return `${pages.slice(0, LISTED_PAGES).map((page) => page + 1).join(', ')} and ${pages.length - LISTED_PAGES} more`;
  }
  const oneBased = pages.map((page) => String(page + 1));
  if (oneBased.length <= 1) return oneBased.join('');
  return `${oneBased.slice(0, -1).join(', ')} and ${oneBased[oneBased.length - 1]}`;
}

export class MigrationBatchCollector {
  private batchId: number | null = null;
  private size = 0;
  private readonly pages = new Map<number, MigrationPage>();

  /** Reads a scanned `otpauth-migration://` URI and adds its page. Throws `MigrationError`. */
  addUri(text: string): AddPageOutcome {
    return this.add(parseMigrationUri(text));
  }

  /** Adds a decoded page. */
  add(page: MigrationPage): AddPageOutcome {
    const { id, index, size } = page.batch;
    if (this.pages.size === 0) {
      this.batchId = id;
      this.size = size;
    } else if (id !== this.batchId) {
      return {
        kind: 'refused',
        reason: 'other-export',
        progress: this.progressNow(),
        message: `This code belongs to a different Google Authenticator export. Finish scanning the current one (${this.progressNow().message}) or start over.`,
      };
    } else if (size !== this.size) {
      return {
        kind: 'refused',
        reason: 'size-mismatch',
        progress: this.progressNow(),
        message: `This code says the export has ${size} pages, but the codes scanned so far say ${this.size}: they come from different exports. Start over and scan the codes of one export.`,
      };
    }
    if (this.pages.has(index)) {
      return { kind: 'duplicate', page: index, progress: this.progressNow(), message: `Page ${index + 1} of ${this.size} was already scanned.` };
    }
    this.pages.set(index, page);
    return { kind: 'added', page: index, progress: this.progressNow() };
  }

  /** Progress of the current export, or null before the first page. */
  progress(): MigrationProgress | null {
    return this.pages.size === 0 ? null : this.progressNow();
  }

  get complete(): boolean {
    return this.pages.size > 0 && this.pages.size === this.size;
  }

  /** Every page's accounts in page order, or null while pages are missing. */
  result(): CollectedMigration | null {
    if (!this.complete) return null;
    const ordered = [...this.pages.entries()].sort(([a], [b]) => a - b).map(([, page]) => page);
    return {
      accounts: ordered.flatMap((page) => page.accounts),
      unsupported: ordered.flatMap((page) => page.unsupported),
    };
  }

  /** Forgets every page (and the secrets in them). */
  reset(): void {
    this.pages.clear();
    this.batchId = null;
    this.size = 0;
  }

  private progressNow(): MigrationProgress {
    const scanned = [...this.pages.keys()].sort((a, b) => a - b);
    const missing: number[] = [];
    for (let page = 0; page < this.size; page++) if (!this.pages.has(page)) missing.push(page);
    const complete = missing.length === 0;
    let missingMessage: string | null = null;
    if (!complete) {
      missingMessage =
        missing.length === 1
          ? `page ${listPages(missing)} of ${this.size} is missing`
          : `pages ${listPages(missing)} of ${this.size} are missing`;
    }
    return {
      batchId: this.batchId,
      size: this.size,
      scanned,
      missing,
      complete,
      message: `${scanned.length} of ${this.size} scanned`,
      missingMessage,
    };
  }
}
