import { z } from 'zod';
import { MAX_LABEL_LENGTH } from './limits';

/**
 * Account tags (issue #14): an ordered list of short labels, several per account, used to filter
 * the list. One rule for every door a tag comes in by — the IPC schemas, the vault's patch and
 * tag operations, every import format and the CLI all call `checkTags` (or the schemas below).
 *
 * A tag is trimmed, non-empty, at most MAX_TAG_LENGTH characters; an account has at most MAX_TAGS;
 * duplicates are removed case-insensitively (the first spelling wins, order kept).
 *
 * Invisible characters are REFUSED, never stripped: control characters (Cc: NUL, BEL, ESC…) would
 * garble the list and the CLI's terminal output, and format characters (Cf: the bidi overrides
 * U+202A–U+202E and isolates U+2066–U+2069, zero-width spaces and joiners, the BOM, soft hyphen)
 * make two tags that look alike differ, or make a tag display as something else (the "Trojan
 * Source" trick, CVE-2021-42574). Stripping them silently would change what the user typed or
 * imported without telling; refusing says which tag and what to do. Line and paragraph
 * separators (Zl, Zp), surrogates (Cs) and private-use characters (Co) are refused with them.
 * @see https://www.unicode.org/reports/tr44/#General_Category_Values
 */
export const MAX_TAG_LENGTH = 64;
export const MAX_TAGS = 20;

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}]/u;
const INVISIBLE_ALL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}]/gu;

/** The tag as it can be shown safely in a message: each invisible character as its code point. */
export function visibleTag(tag: string): string {
  const shown = tag.replace(INVISIBLE_ALL, (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`);
  return shown.length > MAX_TAG_LENGTH + 16 ? `${shown.slice(0, MAX_TAG_LENGTH)}…` : shown;
}

const TYPE_AGAIN = 'Type the tag again without it (it often comes from pasted text).';

/**
 * Why this one tag (already trimmed or not) is refused, or null when it is acceptable. `advice`
 * replaces the closing "what to do" where the tag came from elsewhere (an import file).
 */
export function tagProblem(tag: string, advice?: { invisible: string; long: string }): string | null {
  if (typeof tag !== 'string') return 'A tag must be text.';
  const trimmed = tag.trim();
  if (trimmed === '') return 'A tag cannot be empty: type a word or remove the empty tag.';
  const bad = INVISIBLE.exec(trimmed);
  if (bad) {
    const code = `U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    return `The tag "${visibleTag(trimmed)}" contains an invisible control or formatting character (${code}). ${advice?.invisible ?? TYPE_AGAIN}`;
  }
  if (trimmed.length > MAX_TAG_LENGTH) {
    return `The tag "${visibleTag(trimmed)}" is ${trimmed.length} characters long; a tag can have at most ${MAX_TAG_LENGTH}. ${advice?.long ?? 'Shorten it.'}`;
  }
  return null;
}

export type TagsCheck = { ok: true; tags: string[] } | { ok: false; message: string; index: number };

/** Trims, checks and de-duplicates (case-insensitively, first spelling kept) a list of tags. */
export function checkTags(tags: readonly unknown[], advice?: { invisible: string; long: string; many: string }): TagsCheck {
  if (!Array.isArray(tags)) return { ok: false, message: 'Tags must be a list of words.', index: -1 };
  const kept: string[] = [];
  const seen = new Set<string>();
  for (const [index, tag] of tags.entries()) {
    const problem = tagProblem(tag as string, advice);
    if (problem) return { ok: false, message: problem, index };
    const trimmed = (tag as string).trim();
    const key = tagKey(trimmed);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(trimmed);
  }
  if (kept.length > MAX_TAGS) {
    return { ok: false, message: `An account can have at most ${MAX_TAGS} tags; this one would have ${kept.length}. ${advice?.many ?? 'Remove some.'}`, index: MAX_TAGS };
  }
  return { ok: true, tags: kept };
}

/** The key two tags are compared by: "Work" and "work" are the same tag. */
export function tagKey(tag: string): string {
  return tag.trim().toLocaleLowerCase('en-US');
}

/** True when the list carries the tag (case-insensitively). */
export function hasTag(tags: readonly string[], tag: string): boolean {
  const key = tagKey(tag);
  return tags.some((t) => tagKey(t) === key);
}

/**
 * Tags from outside (IPC, a patch, the add form): every rule above, one message naming the tag.
 * The length bounds before the refinement keep a hostile caller from making us scan megabytes.
 */
export const TagsSchema = z
  .array(z.string().max(MAX_TAG_LENGTH * 4))
  .max(MAX_TAGS * 4)
  .transform((tags, ctx) => {
    const checked = checkTags(tags);
    if (checked.ok) return checked.tags;
    ctx.addIssue({ code: 'custom', message: checked.message, path: checked.index >= 0 ? [checked.index] : [] });
    return z.NEVER;
  });

/** One tag from outside (rename, a tag typed on the command line). */
export const TagSchema = z
  .string()
  .max(MAX_TAG_LENGTH * 4)
  .transform((tag, ctx) => {
    const problem = tagProblem(tag);
    if (problem === null) return tag.trim();
    ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  });

/**
 * Tags as read back from the vault: bounded, but not re-judged, so a vault written by an older
 * Twofold (whose single group allowed any text up to MAX_LABEL_LENGTH) still opens and shows the
 * tag, which the user can then rename or delete. Anything new goes through TagsSchema.
 */
export const StoredTagsSchema = z.array(z.string().max(MAX_LABEL_LENGTH)).max(MAX_TAGS * 4);

/** The tags in use across accounts, first spelling kept, sorted for display. */
export function tagsInUse(accounts: readonly { tags: readonly string[] }[]): string[] {
  const seen = new Map<string, string>();
  for (const account of accounts) for (const tag of account.tags) if (!seen.has(tagKey(tag))) seen.set(tagKey(tag), tag);
  return [...seen.values()].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
}

/**
 * The account's tags after renaming `from` to `to` (the same tag case-insensitively; merged when
 * the account already has `to`), or after deleting `from` (`to` null). Order kept: a renamed tag
 * stays where it was.
 */
export function retagged(tags: readonly string[], from: string, to: string | null): string[] {
  const fromKey = tagKey(from);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const tag of tags) {
    const next = tagKey(tag) === fromKey ? to : tag;
    if (next === null || seen.has(tagKey(next))) continue;
    seen.add(tagKey(next));
    out.push(next);
  }
  return out;
}
