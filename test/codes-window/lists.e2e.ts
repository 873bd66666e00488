import { describe, expect, it } from 'vitest';
import type { CodesApp } from '../harness/codes-app';
import { oathtoolTotp } from './oathtool';
import { T0, uri, useCodesApp } from './setup';

const { openUnlocked } = useCodesApp();

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** A distinct valid secret per index (16 base32 characters). */
function secretFor(i: number): string {
  let tail = '';
  for (let n = i, k = 0; k < 4; k += 1, n = Math.floor(n / 32)) tail = BASE32[n % 32] + tail;
  return `JBSWY3DPEHPK${tail}`;
}

/** 30 services people commonly protect with TOTP, each as an issuer Twofold ships an icon for. */
const COMMON = [
  'GitHub', 'GitLab', 'Google', 'Facebook', 'Instagram', 'Discord', 'Dropbox', 'PayPal', 'Stripe', 'Cloudflare',
  'DigitalOcean', 'npm', 'Docker', 'Reddit', 'Twitch', 'Steam', 'Epic Games', 'Coinbase', 'Binance', 'Bitwarden',
  '1Password', 'Proton', 'Shopify', 'WordPress', 'Namecheap', 'Hetzner', 'Okta', 'Figma', 'Notion', 'Zoom',
];

async function avatars(app: CodesApp): Promise<Array<{ title: string; icon: string | null; letter: string | null }>> {
  return app.page.evaluate(`[...document.querySelectorAll('[role="listitem"][data-account-id]')].map((row) => {
    const avatar = row.querySelector('.avatar');
    return { title: row.querySelector('[data-testid="account-title"]').textContent, icon: avatar.getAttribute('data-icon'), letter: avatar.getAttribute('data-letter') };
  })`);
}

describe('codes window: recognisable, dense lists', () => {
  it('gives 30 common issuers their bundled icon (also by domain) and unknown ones the letter, without a single request off the page', async () => {
    const app = await openUnlocked({ viewport: { width: 1440, height: 1800 } });
    const uris = COMMON.map((issuer, i) => uri(issuer, `user${i}`, secretFor(i)));
    uris.push(uri('Acme Widgets', 'carol', secretFor(40)));
    // No issuer, but the e-mail's domain names the service.
    uris.push(`otpauth://totp/dave%40gitlab.com?secret=${secretFor(41)}`);
    await app.seedAccounts(uris);
    const shown = await avatars(app);
    expect(shown).toHaveLength(32);
    for (const issuer of COMMON) {
      const row = shown.find((r) => r.title === issuer);
      expect(row?.icon, issuer).toBeTruthy();
    }
    expect(shown.find((r) => r.title === 'Acme Widgets')).toEqual({ title: 'Acme Widgets', icon: null, letter: 'A' });
    expect(shown.find((r) => r.title === 'dave@gitlab.com')?.icon).toBe('GitLab');
    // Three columns at 1440 px.
    const lefts = await app.page.evaluate(`[...new Set([...document.querySelectorAll('[role="listitem"][data-account-id]')].map((r) => Math.round(r.getBoundingClientRect().left)))].length`);
    expect(lefts).toBe(3);
    // Every request went to the page's own origin: icons are bundled, nothing is fetched.
    expect(app.requests.length).toBeGreaterThan(0);
    expect(app.requests.filter((url) => !url.startsWith(`${app.origin}/`))).toEqual([]);
    await app.screenshot('list-columns-1440-light');
  });

  it('sorts manually, A–Z, by most used and by recently used, and remembers the order', async () => {
    const app = await openUnlocked();
    await app.seedAccounts([uri('Zeta', 'z', secretFor(1)), uri('Alpha', 'a', secretFor(2)), uri('Mid', 'm', secretFor(3))]);
    expect(await app.accountOrder()).toEqual(['Zeta', 'Alpha', 'Mid']);
    const sort = () => app.page.getByRole('combobox', { name: 'Sort accounts' });
    await sort().selectOption({ label: 'A–Z' });
    await expect.poll(() => app.accountOrder()).toEqual(['Alpha', 'Mid', 'Zeta']);
    for (const label of ['Mid', 'Zeta', 'Zeta', 'Alpha']) {
      await app.copyCode(label);
      await app.advanceTime(1000);
    }
    await sort().selectOption({ label: 'Most used' });
    await expect.poll(() => app.accountOrder()).toEqual(['Zeta', 'Alpha', 'Mid']);
    await sort().selectOption({ label: 'Recently used' });
    await expect.poll(() => app.accountOrder()).toEqual(['Alpha', 'Zeta', 'Mid']);
    await app.copyCode('Mid');
    await expect.poll(() => app.accountOrder()).toEqual(['Mid', 'Alpha', 'Zeta']);
    // Reordering by keyboard is for the manual order only: it says so instead of doing nothing.
    await app.row('Mid').getByRole('button', { name: /^Copy code/ }).focus();
    await app.page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => app.toast().innerText()).toMatch(/manual order/);
    await app.restart();
    await app.unlock('correct horse battery staple');
    await expect.poll(() => app.accountOrder()).toEqual(['Mid', 'Alpha', 'Zeta']);
    await sort().selectOption({ label: 'Manual order' });
    await expect.poll(() => app.accountOrder()).toEqual(['Zeta', 'Alpha', 'Mid']);
  });

  it('virtualises a long list and keeps keyboard navigation, searching notes, and a compact view', async () => {
    const app = await openUnlocked();
    const uris = Array.from({ length: 300 }, (_, i) => uri(`Service ${String(i + 1).padStart(3, '0')}`, 'user', secretFor(i)));
    await app.seedAccounts(uris);
    const rendered = await app.accountList().getByRole('listitem').count();
    expect(rendered).toBeLessThan(40);
    await app.page.keyboard.press('Control+f');
    await app.page.keyboard.press('ArrowDown');
    await expect.poll(() => app.focusedLabel()).toBe('Copy code for Service 001 (user)');
    for (let i = 0; i < 40; i += 1) await app.page.keyboard.press('ArrowDown');
    expect(await app.focusedLabel()).toBe('Copy code for Service 041 (user)');
    await app.page.keyboard.press('End');
    await expect.poll(() => app.focusedLabel()).toBe('Copy code for Service 300 (user)');
    await app.page.keyboard.press('ArrowUp');
    await expect.poll(() => app.focusedLabel()).toBe('Copy code for Service 299 (user)');
    await app.page.keyboard.press('Enter');
    await expect.poll(() => app.clipboard.text).toBe(oathtoolTotp(secretFor(298), T0));
    await app.page.keyboard.press('Home');
    await expect.poll(() => app.focusedLabel()).toBe('Copy code for Service 001 (user)');

    // Notes are searched too.
    const target = app.backend.services.vault.accounts()[149];
    if (!target) throw new Error('seeded accounts missing');
    await app.backend.services.vault.updateAccount(target.id, { note: 'recovery sheet in the blue folder' });
    await app.search('blue folder');
    await expect.poll(() => app.accountOrder()).toEqual(['Service 150']);
    await app.search('');

    const comfortable = await app.row('Service 001').boundingBox();
    await app.page.getByRole('button', { name: 'Compact' }).click();
    await expect.poll(async () => (await app.row('Service 001').boundingBox())?.height ?? 0).toBeLessThan((comfortable?.height ?? 0) * 0.75);
    await app.screenshot('list-compact-light');
  });

  it('keeps the focused account (and the keyboard focus) while the list is scrolled far away, and gives rows scrolled into view their codes', async () => {
    const app = await openUnlocked();
    const uris = Array.from({ length: 300 }, (_, i) => uri(`Service ${String(i + 1).padStart(3, '0')}`, 'user', secretFor(i)));
    await app.seedAccounts(uris);
    await app.page.keyboard.press('Control+f');
    await app.page.keyboard.press('ArrowDown');
    await expect.poll(() => app.focusedLabel()).toBe('Copy code for Service 001 (user)');
    for (let i = 0; i < 3; i += 1) await app.page.keyboard.press('ArrowDown');
    expect(await app.focusedLabel()).toBe('Copy code for Service 004 (user)');
    // The mouse wheel, as a user scrolls, far beyond the virtual window (and its overscan).
    const list = await app.accountList().boundingBox();
    await app.page.mouse.move((list?.x ?? 0) + 100, (list?.y ?? 0) + 200);
    for (let i = 0; i < 12; i += 1) await app.page.mouse.wheel(0, 1000);
    await expect.poll(() => app.page.evaluate<number>(`document.querySelector('.content').scrollTop`)).toBeGreaterThan(8000);
    await expect.poll(() => app.row('Service 150').count()).toBe(1);
    // Still focused, still in the page (rendered out of view), still read as item 4 of 300.
    expect(await app.focusedLabel()).toBe('Copy code for Service 004 (user)');
    const focusedRow = app.row('Service 004');
    expect(await focusedRow.getAttribute('aria-posinset')).toBe('4');
    expect((await focusedRow.boundingBox())?.y ?? 0).toBeLessThan(0);
    expect(await app.accountList().getByRole('listitem').count()).toBeLessThan(42);
    // A row scrolled into view gets its code (only rendered rows' codes are asked for).
    await expect.poll(() => app.codeShownFor('Service 150')).toBe(oathtoolTotp(secretFor(149), T0));
    // The next arrow key goes on from where the focus is, and brings that row into view.
    await app.page.keyboard.press('ArrowDown');
    await expect.poll(() => app.focusedLabel()).toBe('Copy code for Service 005 (user)');
    await expect.poll(async () => (await app.row('Service 005').boundingBox())?.y ?? -1).toBeGreaterThanOrEqual(0);
    await app.page.keyboard.press('Enter');
    await expect.poll(() => app.clipboard.text).toBe(oathtoolTotp(secretFor(4), T0));
  });

  it('scrolls a newly added account into view and highlights it; a truncated name shows in full on focus', async () => {
    const app = await openUnlocked();
    await app.seedAccounts(Array.from({ length: 60 }, (_, i) => uri(`Service ${i + 1}`, 'user', secretFor(i))));
    const long = 'An issuer with a name far too long to fit in one row of the list';
    await app.addAccountByKey({ issuer: long, name: 'someone.with.a.long.address@example.org', secret: secretFor(99) });
    const row = app.row(long);
    await expect.poll(() => row.getAttribute('class')).toMatch(/is-highlighted/);
    expect(await row.isVisible()).toBe(true);
    const box = await row.boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= 680).toBe(true);
    const button = row.getByRole('button', { name: /^Copy code/ });
    expect(await button.getAttribute('title')).toBe(`${long} (someone.with.a.long.address@example.org)`);
    const clipped = `(() => { const t = document.querySelector('[data-account-id="${await row.getAttribute('data-account-id')}"] [data-testid="account-title"]'); return t.scrollWidth > t.clientWidth; })()`;
    expect(await app.page.evaluate(clipped)).toBe(true);
    await button.focus();
    await app.page.keyboard.press('Shift+Tab');
    await app.page.keyboard.press('Tab');
    expect(await app.page.evaluate(clipped)).toBe(false);
  });
});

describe('codes window: a custom picture per account', () => {
  it('takes a real image (stored as a 64×64 PNG), refuses a non-image and a huge file with a clear message, and goes back to the issuer icon', async () => {
    const { default: sharp } = await import('sharp');
    const app = await openUnlocked();
    await app.seedAccounts([uri('GitHub', 'alice', secretFor(1))]);
    await app.row('GitHub').getByRole('button', { name: 'Edit GitHub (alice)' }).click();
    const dialog = app.page.getByRole('dialog', { name: 'Edit account' });
    const file = dialog.getByTestId('icon-file');

    await file.setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('this is text, not a picture') });
    await expect.poll(() => dialog.getByRole('alert').innerText()).toMatch(/not a PNG, JPEG, WebP or GIF image/);
    const huge = Buffer.alloc(6 * 1024 * 1024, 0);
    huge.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await file.setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: huge });
    await expect.poll(() => dialog.getByRole('alert').innerText()).toMatch(/at most 5 MB/);
    // Main refuses it too, whatever the page does.
    const id = app.backend.services.vault.accounts()[0]?.id;
    expect(await app.backend.invoke('accounts:set-icon', [id, new Uint8Array(huge)])).toMatchObject({ ok: false });
    const truncated = (await sharp({ create: { width: 300, height: 200, channels: 3, background: '#c0392b' } }).png().toBuffer()).subarray(0, 60);
    await file.setInputFiles({ name: 'broken.png', mimeType: 'image/png', buffer: truncated });
    await expect.poll(() => dialog.getByRole('alert').innerText()).toMatch(/could not be read/);
    expect(app.backend.services.vault.accounts()[0]?.icon).toBeUndefined();

    const picture = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#c0392b' } }).jpeg().toBuffer();
    await file.setInputFiles({ name: 'logo.jpg', mimeType: 'image/jpeg', buffer: picture });
    await expect.poll(() => app.backend.services.vault.accounts()[0]?.icon).toBeTruthy();
    const stored = Buffer.from(app.backend.services.vault.accounts()[0]?.icon ?? '', 'base64');
    expect(await sharp(stored).metadata()).toMatchObject({ format: 'png', width: 64, height: 64 });
    await expect.poll(() => app.row('GitHub').locator('.avatar').getAttribute('data-icon')).toBe('custom');
    await app.screenshot('edit-custom-picture-light');
    await dialog.getByRole('button', { name: 'Remove picture' }).click();
    await expect.poll(() => app.row('GitHub').locator('.avatar').getAttribute('data-icon')).toBe('GitHub');
    expect(app.requests.filter((url) => !url.startsWith(`${app.origin}/`) && !url.startsWith('data:'))).toEqual([]);
  });
});
