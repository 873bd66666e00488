import { describe, expect, it } from 'vitest';
import { axeBothSchemes, useColorScheme } from '../harness/axe';
import type { CodesApp } from '../harness/codes-app';
import { uri, useCodesApp } from './setup';

/**
 * Tags (issue #14 item 6) in the codes window, against the real vault service: editing several
 * tags with the keyboard alone, refusing invisible characters, chips that narrow (AND), search,
 * and renaming/deleting a tag across accounts from "Manage tags". Screenshots light and dark in
 * test-results/screens/tags-*.
 */
const { openUnlocked } = useCodesApp();

const shoot = async (app: CodesApp, name: string) => {
  for (const scheme of ['light', 'dark'] as const) {
    await useColorScheme(app.page, scheme);
    await app.screenshot(`tags-${scheme}-${name}`);
  }
  await useColorScheme(app.page, 'light');
};

async function seedTagged(app: CodesApp) {
  await app.seedAccounts(
    [
      uri('GitHub', 'alice', 'JBSWY3DPEHPK3PXP'),
      uri('Google', 'alice@gmail.com', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
      uri('Slack', 'alice@acme.example', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U'),
      uri('AWS', 'root-account', 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA'),
    ],
    [{ tags: ['work', 'dev'] }, { tags: ['personal'] }, { tags: ['work'] }, { tags: ['work', 'dev', 'bank'] }],
  );
}

const tagsInVault = (app: CodesApp) => app.backend.services.vault.accounts().map((a) => [a.issuer, a.tags]);

describe('codes window: tags', () => {
  it('adds several tags and removes one with the keyboard alone; an invisible character is refused, naming it', async () => {
    const app = await openUnlocked();
    await app.seedAccounts([uri('GitHub', 'alice', 'JBSWY3DPEHPK3PXP')]);
    await app.page.keyboard.press('Control+f');
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('F2');
    const dialog = app.page.getByRole('dialog', { name: 'Edit account' });
    await dialog.waitFor();
    for (let i = 0; i < 12 && !(await app.focusedLabel()).startsWith('Tags'); i += 1) await app.page.keyboard.press('Tab');
    expect(await app.focusedLabel()).toBe('Tags (optional)');

    for (const tag of ['work', 'bank', 'home']) {
      await app.page.keyboard.type(tag);
      await app.page.keyboard.press('Enter');
    }
    // A comma adds too; a tag already there (any case) is not added twice.
    await app.page.keyboard.type('Work,');
    const tokens = dialog.getByRole('list', { name: 'Tags of this account' }).getByRole('listitem');
    await expect.poll(() => tokens.allInnerTexts()).toEqual(['work', 'bank', 'home']);

    // Backspace in the empty field goes to the last tag's remove button; Enter removes it and
    // focus comes back to the field.
    await app.page.keyboard.press('Backspace');
    expect(await app.focusedLabel()).toBe('Remove tag home');
    await app.page.keyboard.press('Enter');
    await expect.poll(() => tokens.allInnerTexts()).toEqual(['work', 'bank']);
    expect(await app.focusedLabel()).toBe('Tags (optional)');

    // A pasted bell character: refused under the field, naming the tag, nothing added or saved.
    const field = dialog.getByRole('combobox', { name: /^Tags/ });
    await field.fill('ur\u0007gent');
    await app.page.keyboard.press('Enter');
    const error = dialog.getByRole('alert');
    await expect.poll(() => error.innerText()).toMatch(/^The tag "ur<U\+0007>gent" contains an invisible control or formatting character \(U\+0007\)\. Type the tag again without it/);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await shoot(app, 'edit-refused');
    expect(tagsInVault(app)).toEqual([['GitHub', []]]);

    // Pressing Save with a right-to-left override still typed is refused the same way.
    await field.fill('invoice\u202Efdp');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => error.innerText()).toMatch(/"invoice<U\+202E>fdp".*\(U\+202E\)/);
    expect(tagsInVault(app)).toEqual([['GitHub', []]]);

    // Cleared, Enter in the empty field submits the form.
    await field.fill('');
    await field.focus();
    await app.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(tagsInVault(app)).toEqual([['GitHub', ['work', 'bank']]]);
    await app.row('GitHub').getByTestId('account-tags').getByText('work · bank').waitFor();
    expect(app.pageErrors).toEqual([]);
  });

  it('chips narrow with AND, say so, and "All" clears; search matches tags', async () => {
    const app = await openUnlocked();
    await seedTagged(app);
    const chips = app.tagChips();
    const summary = app.page.getByTestId('tag-filter-summary');
    expect(await chips.getByRole('button').allInnerTexts()).toEqual(['All', 'bank', 'dev', 'personal', 'work', 'Manage tags…']);

    await chips.getByRole('button', { name: 'work', exact: true }).click();
    await expect.poll(() => app.accountOrder()).toEqual(['GitHub', 'Slack', 'AWS']);
    expect(await summary.innerText()).toBe('Showing accounts tagged “work”');
    await chips.getByRole('button', { name: 'dev', exact: true }).click();
    await expect.poll(() => app.accountOrder()).toEqual(['GitHub', 'AWS']);
    expect(await summary.innerText()).toBe('Showing accounts tagged “work” and “dev”');
    expect(await chips.getByRole('button', { name: 'work', exact: true }).getAttribute('aria-pressed')).toBe('true');
    expect(await chips.getByRole('button', { name: 'All', exact: true }).getAttribute('aria-pressed')).toBe('false');
    await chips.getByRole('button', { name: 'bank', exact: true }).click();
    await expect.poll(() => app.accountOrder()).toEqual(['AWS']);
    await chips.getByRole('button', { name: 'personal', exact: true }).click();
    await app.page.getByText('No account carries all the chosen tags.').waitFor();
    await chips.getByRole('button', { name: 'personal', exact: true }).click();
    await chips.getByRole('button', { name: 'bank', exact: true }).click();
    await expect.poll(() => app.accountOrder()).toEqual(['GitHub', 'AWS']);
    await shoot(app, 'chips-selected');

    await chips.getByRole('button', { name: 'All', exact: true }).click();
    await expect.poll(() => app.accountOrder()).toEqual(['GitHub', 'Google', 'Slack', 'AWS']);
    await summary.waitFor({ state: 'detached' });

    await app.search('bank');
    await expect.poll(() => app.accountOrder()).toEqual(['AWS']);
    expect(app.pageErrors).toEqual([]);
  });

  it('renames (merging into an existing tag) and deletes a tag on every account from "Manage tags"', async () => {
    const app = await openUnlocked();
    await seedTagged(app);
    await app.tagChips().getByRole('button', { name: 'dev', exact: true }).click();
    await app.tagChips().getByRole('button', { name: 'Manage tags…' }).click();
    const dialog = app.page.getByRole('dialog', { name: 'Manage tags' });
    await dialog.waitFor();
    const rows = dialog.getByTestId('manage-tag');
    expect(await rows.allInnerTexts()).toEqual([
      expect.stringMatching(/^bank\s+1 account/),
      expect.stringMatching(/^dev\s+2 accounts/),
      expect.stringMatching(/^personal\s+1 account/),
      expect.stringMatching(/^work\s+3 accounts/),
    ]);
    await shoot(app, 'manage');

    // Rename "dev" to "engineering": both accounts, one call, and the chosen chip follows.
    await dialog.getByRole('button', { name: 'Rename tag dev' }).click();
    const name = dialog.getByLabel('New name for “dev”');
    expect(await app.focusedLabel()).toBe('New name for “dev”');
    await name.fill('engineering');
    await shoot(app, 'manage-rename');
    await name.press('Enter');
    await expect.poll(() => app.toast().innerText()).toBe('Renamed “dev” to “engineering” on 2 accounts');
    expect(await app.focusedLabel()).toBe('Rename tag engineering');
    expect(tagsInVault(app)).toEqual([
      ['GitHub', ['work', 'engineering']],
      ['Google', ['personal']],
      ['Slack', ['work']],
      ['AWS', ['work', 'engineering', 'bank']],
    ]);
    expect(await app.tagChips().getByRole('button', { name: 'engineering', exact: true }).getAttribute('aria-pressed')).toBe('true');

    // A control character in the new name is refused in the dialog; nothing changes.
    await dialog.getByRole('button', { name: 'Rename tag personal' }).click();
    await dialog.getByLabel('New name for “personal”').fill('pri\u0007vate');
    await dialog.getByLabel('New name for “personal”').press('Enter');
    await dialog.getByRole('alert').getByText(/"pri<U\+0007>vate".*\(U\+0007\)/).waitFor();
    expect(tagsInVault(app)[1]).toEqual(['Google', ['personal']]);

    // Renaming "personal" to "Work" merges it into the existing "work".
    await dialog.getByLabel('New name for “personal”').fill('Work');
    await dialog.getByLabel('New name for “personal”').press('Enter');
    await expect.poll(() => app.toast().innerText()).toBe('Merged “personal” into “Work” on 1 account');
    expect(tagsInVault(app)[1]).toEqual(['Google', ['Work']]);

    // Delete "bank": asked once, the accounts stay.
    await dialog.getByRole('button', { name: 'Delete tag bank' }).click();
    await shoot(app, 'manage-delete');
    await dialog.getByRole('button', { name: 'Remove tag' }).click();
    await expect.poll(() => app.toast().innerText()).toBe('Removed the tag “bank” from 1 account');
    expect(tagsInVault(app)[3]).toEqual(['AWS', ['work', 'engineering']]);
    expect(app.backend.services.vault.accounts()).toHaveLength(4);
    expect(await rows.count()).toBe(2);
    expect(app.pageErrors).toEqual([]);
  });

  it('axe finds nothing on the chips row, the edit dialog and the manage-tags views, light and dark', async () => {
    const app = await openUnlocked();
    await seedTagged(app);
    const found: string[] = [];
    await app.tagChips().getByRole('button', { name: 'work', exact: true }).click();
    await app.tagChips().getByRole('button', { name: 'dev', exact: true }).click();
    await app.page.getByTestId('tag-filter-summary').waitFor();
    found.push(...(await axeBothSchemes(app.page, 'chips, two chosen')));

    await app.row('GitHub').getByRole('button', { name: 'Edit GitHub (alice)' }).click();
    const edit = app.page.getByRole('dialog', { name: 'Edit account' });
    await edit.getByRole('button', { name: 'Remove tag dev' }).waitFor();
    await shoot(app, 'edit');
    found.push(...(await axeBothSchemes(app.page, 'edit dialog with tags')));
    await edit.getByRole('combobox', { name: /^Tags/ }).fill('x\u202E');
    await edit.getByRole('combobox', { name: /^Tags/ }).press('Enter');
    await edit.getByRole('alert').waitFor();
    found.push(...(await axeBothSchemes(app.page, 'edit dialog, refused tag')));
    await edit.getByRole('button', { name: 'Cancel' }).click();
    await edit.waitFor({ state: 'detached' });

    await app.tagChips().getByRole('button', { name: 'Manage tags…' }).click();
    const manage = app.page.getByRole('dialog', { name: 'Manage tags' });
    await manage.waitFor();
    found.push(...(await axeBothSchemes(app.page, 'manage tags')));
    await manage.getByRole('button', { name: 'Rename tag work' }).click();
    found.push(...(await axeBothSchemes(app.page, 'manage tags, rename')));
    await manage.getByRole('button', { name: 'Cancel' }).click();
    await manage.getByRole('button', { name: 'Delete tag bank' }).click();
    found.push(...(await axeBothSchemes(app.page, 'manage tags, delete')));
    expect(found).toEqual([]);
  });
});
