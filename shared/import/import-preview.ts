import { isSameAccount, type AccountDraft, type OtpParamsView } from '../otp/account';
import type { ImportFormat, SkippedEntry } from './import-types';

/**
 * What an import will do, computed before anything is added: the accounts that will be added,
 * those that duplicate an account already in the vault (or an earlier one in the same file), and
 * the entries skipped with their reason. Duplicates are never added twice (`isSameAccount`).
 */
export interface ImportPlan {
  format: ImportFormat;
  /** Key material: drafts with secrets. Stay in the main process / the CLI. */
  toAdd: AccountDraft[];
  duplicates: AccountDraft[];
  skipped: SkippedEntry[];
}

type Comparable = Pick<AccountDraft, 'issuer' | 'name' | 'otp'>;

export function planImport(format: ImportFormat, accounts: readonly AccountDraft[], skipped: readonly SkippedEntry[], existing: readonly Comparable[]): ImportPlan {
  const toAdd: AccountDraft[] = [];
  const duplicates: AccountDraft[] = [];
  // Index by secret: comparing every pair would be quadratic on large vaults and files.
  const bySecret = new Map<string, Comparable[]>();
  const remember = (account: Comparable) => {
    const list = bySecret.get(account.otp.secret);
    if (list) list.push(account);
    else bySecret.set(account.otp.secret, [account]);
  };
  existing.forEach(remember);
  for (const draft of accounts) {
    const candidates = bySecret.get(draft.otp.secret) ?? [];
    if (candidates.some((c) => isSameAccount(c, draft))) {
      duplicates.push(draft);
    } else {
      toAdd.push(draft);
      remember(draft);
    }
  }
  return { format, toAdd, duplicates, skipped: [...skipped] };
}

/** One account of the preview as the renderer and the CLI show it: no secret. */
export interface PreviewAccount {
  issuer: string;
  name: string;
  tags: string[];
  favourite: boolean;
  otp: OtpParamsView;
}

export interface ImportPreview {
  format: ImportFormat;
  toAdd: PreviewAccount[];
  duplicates: PreviewAccount[];
  skipped: SkippedEntry[];
}

export function toPreviewAccount(draft: AccountDraft): PreviewAccount {
  const { secret: _secret, ...otp } = draft.otp;
  return { issuer: draft.issuer, name: draft.name, tags: [...draft.tags], favourite: draft.favourite, otp };
}

/** The plan without secrets, safe to send to the renderer. */
export function toImportPreview(plan: ImportPlan): ImportPreview {
  return { format: plan.format, toAdd: plan.toAdd.map(toPreviewAccount), duplicates: plan.duplicates.map(toPreviewAccount), skipped: plan.skipped };
}

/** "Deno: Mason (TOTP, SHA1, 6 digits, 30 s)" for lists and the CLI. */
export function describePreviewAccount(account: PreviewAccount): string {
  const label = [account.issuer, account.name].filter((p) => p !== '').join(': ') || '(no name)';
  const { otp } = account;
  const detail =
    otp.type === 'steam'
      ? 'Steam'
      : otp.type === 'totp'
        ? `TOTP, ${otp.algorithm}, ${otp.digits} digits, ${otp.period} s`
        : `HOTP, ${otp.algorithm}, ${otp.digits} digits, counter ${otp.counter}`;
  return `${label} (${detail}${account.tags.length ? `, tagged ${account.tags.join(', ')}` : ''})`;
}
