import { describe, expect, it } from 'vitest';
import { AccountDraftSchema } from '../../shared/otp/account';
import { checkTags, MAX_TAG_LENGTH, MAX_TAGS, retagged, tagProblem, TagsSchema, tagsInUse } from '../../shared/otp/tags';

describe('the tag rules (shared by IPC, vault, imports and CLI)', () => {
  it('trims, drops later case-insensitive duplicates and keeps the order', () => {
    expect(checkTags([' work ', 'Bank', 'WORK', 'bank', 'Privé'])).toEqual({ ok: true, tags: ['work', 'Bank', 'Privé'] });
  });

  it.each([
    ['\u0007', 'U+0007'],
    ['\u001B[31m', 'U+001B'],
    ['\u202E', 'U+202E'],
    ['\u2066', 'U+2066'],
    ['\u200B', 'U+200B'],
    ['\uFEFF', 'U+FEFF'],
    ['\u00AD', 'U+00AD'],
    ['\u2028', 'U+2028'],
  ])('refuses %j inside a tag, naming the tag (the character shown as its code point) and what to do', (char, code) => {
    const problem = tagProblem(`ab${char}cd`);
    expect(problem).toContain(`The tag "ab<${code}>`);
    expect(problem).toContain(`(${code})`);
    expect(problem).toMatch(/Type the tag again without it/);
    expect(problem).not.toContain(char);
  });

  it('accepts letters, digits, spaces, punctuation, accents and emoji without joiners', () => {
    for (const tag of ['work', 'Banque & co', 'Zürich 2', '日本', 'café', '🔑 keys']) expect(tagProblem(tag)).toBeNull();
  });

  it('refuses empty, over-long and too many tags', () => {
    expect(tagProblem('   ')).toMatch(/cannot be empty/);
    expect(tagProblem('x'.repeat(MAX_TAG_LENGTH))).toBeNull();
    expect(tagProblem('x'.repeat(MAX_TAG_LENGTH + 1))).toMatch(/at most 64/);
    expect(checkTags(Array.from({ length: MAX_TAGS }, (_, i) => `t${i}`)).ok).toBe(true);
    expect(checkTags(Array.from({ length: MAX_TAGS + 1 }, (_, i) => `t${i}`))).toMatchObject({ ok: false, message: expect.stringMatching(/at most 20 tags/) });
  });

  it('the schemas apply the same rules: a draft with a bidi override is refused, a clean one normalised', () => {
    const otp = { type: 'totp', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30 } as const;
    expect(AccountDraftSchema.parse({ issuer: 'x', name: 'y', otp, tags: [' a ', 'A', 'b'] }).tags).toEqual(['a', 'b']);
    const refused = AccountDraftSchema.safeParse({ issuer: 'x', name: 'y', otp, tags: ['ok', 'x\u202Ey'] });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({ path: ['tags', 1], message: expect.stringContaining('U+202E') });
    expect(TagsSchema.safeParse(['x'.repeat(10_000)]).success).toBe(false);
  });

  it('rename keeps the place, merges into an existing tag, delete removes; the tags in use are listed once, sorted', () => {
    expect(retagged(['a', 'Work', 'b'], 'work', 'Job')).toEqual(['a', 'Job', 'b']);
    expect(retagged(['job', 'work'], 'work', 'Job')).toEqual(['job']);
    expect(retagged(['work', 'b'], 'WORK', null)).toEqual(['b']);
    expect(tagsInUse([{ tags: ['b', 'A'] }, { tags: ['a', 'c'] }])).toEqual(['A', 'b', 'c']);
  });
});
