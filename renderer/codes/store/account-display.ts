import type { AccountView } from '../../../shared/otp/account';
import type { SortOrder } from '../../../shared/settings';
import { hasTag, tagsInUse } from '../../../shared/otp/tags';

/** A titled run of accounts in the list ("Favourites", then the rest). */
export interface AccountSection {
  id: 'favourites' | 'accounts';
  title: string | null;
  accounts: AccountView[];
}

/** What the row shows as its title: the issuer, or the name when there is no issuer. */
export function accountTitle(account: Pick<AccountView, 'issuer' | 'name'>): string {
  return account.issuer.trim() || account.name.trim() || 'Unnamed account';
}

/** Issuer and name for labels and messages: "GitHub (alice@example.com)". */
export function accountLabel(account: Pick<AccountView, 'issuer' | 'name'>): string {
  const issuer = account.issuer.trim();
  const name = account.name.trim();
  if (issuer && name) return `${issuer} (${name})`;
  return issuer || name || 'Unnamed account';
}

/** Case-insensitive match of the search text against issuer, name, tags and note. */
export function matchesQuery(account: AccountView, query: string): boolean {
  const needle = query.trim().toLocaleLowerCase();
  if (!needle) return true;
  return [account.issuer, account.name, ...account.tags, account.note].some((text) => text.toLocaleLowerCase().includes(needle));
}

/** True when the account carries every tag of the filter (the chips narrow: AND). */
export function matchesTags(account: Pick<AccountView, 'tags'>, filter: readonly string[]): boolean {
  return filter.every((tag) => hasTag(account.tags, tag));
}

/** "Showing accounts tagged work and bank" — the sentence the chips row shows (and announces). */
export function tagFilterSummary(filter: readonly string[]): string {
  if (filter.length === 0) return 'Showing all accounts';
  const quoted = filter.map((t) => `“${t}”`);
  const list = quoted.length === 1 ? quoted[0]! : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)!}`;
  return `Showing accounts tagged ${list}`;
}

/**
 * The accounts in the chosen order: manual (vault order), A–Z by title then name, most used
 * (copies, most first), recently used (last copy, newest first). Ties and never-used accounts
 * keep the manual order (Array.prototype.sort is stable).
 */
export function sortAccounts(accounts: readonly AccountView[], order: SortOrder): AccountView[] {
  const list = [...accounts];
  if (order === 'name') {
    const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
    list.sort((a, b) => collator.compare(accountTitle(a), accountTitle(b)) || collator.compare(a.name, b.name));
  } else if (order === 'most-used') {
    list.sort((a, b) => (b.useCount ?? 0) - (a.useCount ?? 0));
  } else if (order === 'recently-used') {
    list.sort((a, b) => (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0));
  }
  return list;
}

/** Every tag in use, sorted, each once (first spelling). */
export const tagsOf = (accounts: readonly AccountView[]): string[] => tagsInUse(accounts);

/**
 * The list as shown: filtered by search text and the tag chips (all chosen tags), favourites pinned first, each part in
 * the chosen order (vault order by default). A "Favourites" heading appears only when there are favourites and others.
 */
export function visibleSections(accounts: readonly AccountView[], query: string, tagFilter: readonly string[], order: SortOrder = 'manual'): AccountSection[] {
  const shown = sortAccounts(accounts, order).filter((a) => matchesQuery(a, query) && matchesTags(a, tagFilter));
  const favourites = shown.filter((a) => a.favourite);
  const others = shown.filter((a) => !a.favourite);
  if (favourites.length === 0) return others.length ? [{ id: 'accounts', title: null, accounts: others }] : [];
  const sections: AccountSection[] = [{ id: 'favourites', title: 'Favourites', accounts: favourites }];
  if (others.length) sections.push({ id: 'accounts', title: 'All accounts', accounts: others });
  return sections;
}

/**
 * The new vault order after moving `id` one place up (-1) or down (+1) among the accounts shown
 * beside it (same section, current filter), or null when it is already at that end. Accounts
 * hidden by the filter keep their places relative to each other.
 */
export function moveAmongShown(order: readonly string[], shownInSection: readonly string[], id: string, delta: -1 | 1): string[] | null {
  const at = shownInSection.indexOf(id);
  const neighbour = shownInSection[at + delta];
  if (at < 0 || neighbour === undefined) return null;
  return placeRelativeTo(order, id, neighbour, delta === -1 ? 'before' : 'after');
}

/** The order with `id` taken out and put just before or after `target`. */
export function placeRelativeTo(order: readonly string[], id: string, target: string, where: 'before' | 'after'): string[] | null {
  if (id === target || !order.includes(id) || !order.includes(target)) return null;
  const rest = order.filter((x) => x !== id);
  const index = rest.indexOf(target) + (where === 'after' ? 1 : 0);
  rest.splice(index, 0, id);
  return rest;
}

/** "123456" → "123 456", "12345678" → "1234 5678"; 5-character Steam codes stay whole. */
export function groupDigits(code: string): string {
  if (!/^\d+$/.test(code) || code.length < 6) return code;
  const split = code.length === 6 ? 3 : code.length - Math.floor(code.length / 2);
  return `${code.slice(0, split)} ${code.slice(split)}`;
}
