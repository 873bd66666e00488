import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ipcContract } from '../../shared/ipc/contract';
import type { Result } from '../../shared/result';
import { createAppServices, type AppServices } from '../../electron/main/app-services';
import { createIpcDispatcher, type IpcDispatch } from '../../electron/main/ipc/dispatcher';
import { createIpcHandlers } from '../../electron/main/ipc/handlers';
import { nodeBackupFiles, type BackupFiles } from '../../electron/main/services/backup';
import { ManualClock } from '../../electron/main/services/clock';
import { ConfSettingsStore } from '../../electron/main/services/settings';
import { FakeClipboard, FakeKeyProtector, ScriptedFileDialogs } from '../harness/fakes';
import { readAegisVault } from './aegis-reader';

/**
 * Automatic backups (issue #14 item 1) over the real services, IPC dispatcher, files and crypto.
 * Only the folder picker is scripted, and faults the OS would give (full disk, read-only) are
 * injected through the files port.
 */
const PASSWORD = 'correct horse battery';
const T0 = Date.UTC(2026, 0, 1, 12);
const DEBOUNCE = 2000;

let dir: string;
let folder: string;
let services: AppServices;
let dispatch: IpcDispatch;
let clock: ManualClock;
let dialogs: ScriptedFileDialogs;
let notices: string[];
let fault: string | null;

const files: BackupFiles = {
  ...nodeBackupFiles,
  writeAtomically: (path, text) => (fault ? Promise.reject(Object.assign(new Error(fault), { code: fault })) : nodeBackupFiles.writeAtomically(path, text)),
};

async function call<T = unknown>(channel: string, ...args: unknown[]): Promise<Result<T>> {
  return (await dispatch(channel, args)) as Result<T>;
}
async function value<T = unknown>(channel: string, ...args: unknown[]): Promise<T> {
  const result = await call<T>(channel, ...args);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}
const versions = async () => (await readdir(folder)).filter((n) => n.startsWith('twofold-backup-')).sort();
const add = (issuer: string, secret = 'JBSWY3DPEHPK3PXP') => value('accounts:add-uri', `otpauth://totp/${issuer}:me?secret=${secret}&issuer=${issuer}`);
/** Lets the debounce run out and the backup it starts finish. */
async function afterDebounce() {
  clock.advance(DEBOUNCE);
  await services.backup.settled();
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'twofold-backup-'));
  folder = join(dir, 'backups');
  await mkdir(folder);
  clock = new ManualClock(T0);
  dialogs = new ScriptedFileDialogs();
  notices = [];
  fault = null;
  services = await createAppServices({
    dataDir: dir,
    settings: new ConfSettingsStore({ dir }),
    clipboard: new FakeClipboard(),
    keyProtector: new FakeKeyProtector(),
    clock,
    backup: { dialogs, files, notifier: { backupFailed: (m) => notices.push(m) } },
  });
  dispatch = createIpcDispatcher(ipcContract, createIpcHandlers(services), { report: () => {} });
  await value('vault:create', PASSWORD, {});
  await value('settings:set', { autoLockMinutes: 0 });
});

afterEach(async () => {
  await services.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function setUp() {
  dialogs.answerFolder(folder);
  return value<{ status: string; backup: { configured: boolean; protectedBy: string } }>('backup:choose-folder', PASSWORD);
}

describe('setting up backups', () => {
  it('needs the vault password, checked in main: a wrong one changes nothing and opens no dialog', async () => {
    expect(await call('backup:choose-folder', 'not the password')).toMatchObject({ ok: false, error: { code: 'wrong-password', field: 'vaultPassword' } });
    expect(dialogs.asked).toEqual([]);
    expect(await value('backup:status')).toMatchObject({ configured: false, folder: null });
    await setUp();
    const before = services.vault.getSecret('backup:config');
    expect(await call('backup:set-password', 'not the password', { protectedBy: 'separate', password: 'attacker chosen' })).toMatchObject({
      ok: false,
      error: { code: 'wrong-password' },
    });
    expect(services.vault.getSecret('backup:config')).toBe(before);
    // The renderer cannot reach the folder through the settings either.
    expect(await call('settings:set', { backupFolder: '/tmp/elsewhere' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('writes a first version at once, protected by the vault password, readable by an independent Aegis reader', async () => {
    await add('GitHub');
    const done = await setUp();
    expect(done).toMatchObject({ status: 'saved', backup: { configured: true, protectedBy: 'vault', folder } });
    const [first] = await versions();
    const text = await readFile(join(folder, first!), 'utf8');
    expect(text).not.toContain('JBSWY3DPEHPK3PXP');
    const { entries } = readAegisVault(text, PASSWORD);
    expect(entries.map((e) => [e.type, e.issuer, e.name, e.info.secret, e.info.algo, e.info.digits, e.info.period])).toEqual([['totp', 'GitHub', 'me', 'JBSWY3DPEHPK3PXP', 'SHA1', 6, 30]]);
    expect(() => readAegisVault(text, 'wrong password')).toThrow(/no password slot opens/);
  });

  it('a separate backup password protects the next versions, and only it opens them', async () => {
    await add('GitHub');
    await setUp();
    await value('backup:set-password', PASSWORD, { protectedBy: 'separate', password: 'backup only pass' });
    expect(await value('backup:status')).toMatchObject({ protectedBy: 'separate' });
    const newest = (await versions()).at(-1)!;
    const text = await readFile(join(folder, newest), 'utf8');
    expect(readAegisVault(text, 'backup only pass').entries).toHaveLength(1);
    expect(() => readAegisVault(text, PASSWORD)).toThrow();
  });

  it('follows a change of the vault password when the vault password protects the backups', async () => {
    await add('GitHub');
    await setUp();
    await value('vault:change-password', PASSWORD, 'a brand new password');
    await services.backup.settled();
    const newest = (await versions()).at(-1)!;
    expect(readAegisVault(await readFile(join(folder, newest), 'utf8'), 'a brand new password').entries).toHaveLength(1);
  });
});

describe('automatic versions', () => {
  it('a change writes a new encrypted version within the debounce, and a burst of changes writes one', async () => {
    await setUp();
    expect(await versions()).toHaveLength(1);
    await add('One');
    clock.advance(DEBOUNCE - 1);
    await services.backup.settled();
    await add('Two', 'KRSXG5CTMVRXEZLU');
    expect(await versions()).toHaveLength(1);
    await afterDebounce();
    expect(await versions()).toHaveLength(2);
    const { entries } = readAegisVault(await readFile(join(folder, (await versions()).at(-1)!), 'utf8'), PASSWORD);
    expect(entries.map((e) => e.issuer)).toEqual(['One', 'Two']);
  });

  it('writes every tag as an Aegis group (independent reader), and a change of tags alone is a new version', async () => {
    const github = await value<{ id: string }>('accounts:add-uri', 'otpauth://totp/GitHub:me?secret=JBSWY3DPEHPK3PXP&issuer=GitHub');
    const bank = await value<{ id: string }>('accounts:add-uri', 'otpauth://totp/Bank:me?secret=KRSXG5CTMVRXEZLU&issuer=Bank');
    await value('accounts:update', github.id, { tags: ['work', 'dev'] });
    await value('accounts:update', bank.id, { tags: ['Dev', 'money'] });
    await setUp();
    const read = async () => readAegisVault(await readFile(join(folder, (await versions()).at(-1)!), 'utf8'), PASSWORD);
    const { entries, content } = await read();
    const groups = new Map((content.groups as { uuid: string; name: string }[]).map((g) => [g.uuid, g.name]));
    expect([...groups.values()]).toEqual(['work', 'dev', 'money']);
    expect(entries.map((e) => (e as unknown as { groups: string[] }).groups.map((id) => groups.get(id)))).toEqual([
      ['work', 'dev'],
      ['dev', 'money'],
    ]);

    await value('accounts:rename-tag', 'dev', 'engineering');
    await afterDebounce();
    expect(await versions()).toHaveLength(2);
    const renamed = await read();
    expect((renamed.content.groups as { name: string }[]).map((g) => g.name)).toEqual(['work', 'engineering', 'money']);
  });

  it('keeps the newest N versions: N+1 changes leave N files', async () => {
    await value('settings:set', { backupKeep: 3 });
    await setUp();
    for (let i = 0; i < 4; i++) {
      await add(`Account${i}`, ['KRSXG5CTMVRXEZLU', 'MFRGGZDFMZTWQ2LK', 'NBSWY3DPEB3W64TM', 'ONSWG4TFORXWY2LU'][i]);
      await afterDebounce();
    }
    const kept = await versions();
    expect(kept).toHaveLength(3);
    const newest = readAegisVault(await readFile(join(folder, kept.at(-1)!), 'utf8'), PASSWORD);
    expect(newest.entries).toHaveLength(4);
  });

  it('an unchanged vault writes no new version at the daily check; a change made meanwhile is caught there', async () => {
    await add('GitHub');
    await setUp();
    clock.advance(24 * 60 * 60 * 1000);
    await services.backup.settled();
    expect(await versions()).toHaveLength(1);
    // Another program (the CLI) adds an account while the app is locked: the next unlock notices.
    services.vault.lock();
    await services.vault.unlock(PASSWORD);
    await services.vault.addAccounts([{ issuer: 'Cli', name: 'me', otp: { type: 'totp', secret: 'MFRGGZDFMZTWQ2LK', algorithm: 'SHA1', digits: 6, period: 30 }, tags: [], favourite: false, note: '' }]);
    await afterDebounce();
    expect(await versions()).toHaveLength(2);
  });

  it('trashed accounts are not in the backup, so a restore cannot bring them back', async () => {
    const a = await add('Keep');
    const b = await add('Trashed', 'KRSXG5CTMVRXEZLU');
    void a;
    await setUp();
    await value('accounts:remove', (b as { id: string }).id);
    await afterDebounce();
    const { entries } = readAegisVault(await readFile(join(folder, (await versions()).at(-1)!), 'utf8'), PASSWORD);
    expect(entries.map((e) => e.issuer)).toEqual(['Keep']);
  });
});

describe('restore', () => {
  it('lists versions with date and account count; the third-newest restores exactly its accounts through the import preview', async () => {
    await setUp();
    const secrets = ['KRSXG5CTMVRXEZLU', 'MFRGGZDFMZTWQ2LK', 'NBSWY3DPEB3W64TM', 'ONSWG4TFORXWY2LU'];
    for (const [i, secret] of secrets.entries()) {
      clock.advance(60_000);
      await add(`Account${i}`, secret);
      await afterDebounce();
    }
    const list = await value<{ name: string; createdAt: string; accounts: number | null }[]>('backup:versions');
    expect(list.map((v) => v.accounts)).toEqual([4, 3, 2, 1, 0]);
    expect(list[0]!.createdAt > list[1]!.createdAt).toBe(true);
    // Start from an empty vault, then restore the third-newest (2 accounts).
    for (const account of services.vault.accounts()) await services.vault.removeAccount(account.id);
    const outcome = await value<{ status: string; token: string; preview: { toAdd: { issuer: string }[] } }>('backup:restore', list[2]!.name);
    expect(outcome.status).toBe('ready');
    expect(outcome.preview.toAdd.map((a) => a.issuer)).toEqual(['Account0', 'Account1']);
    expect(JSON.stringify(outcome)).not.toContain(secrets[0]);
    await value('import:confirm', outcome.token, [0, 1]);
    expect(services.vault.accounts().map((a) => [a.issuer, a.otp.secret])).toEqual([
      ['Account0', secrets[0]],
      ['Account1', secrets[1]],
    ]);
  });

  it('a file in the folder that is not a backup, or one under another password: a clear message, the vault untouched', async () => {
    await add('GitHub');
    await setUp();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(folder, 'twofold-backup-2025-01-01T00-00-00-000Z.json'), 'hello, not a backup');
    const foreign = await readFile(join(folder, (await versions()).at(-1)!), 'utf8');
    await value('backup:set-password', PASSWORD, { protectedBy: 'separate', password: 'backup only pass' });
    // A version written under another master key (another vault, or an old set-up).
    const other = JSON.parse(foreign) as { header: { params: { nonce: string } } };
    other.header.params.nonce = '00'.repeat(12);
    await writeFile(join(folder, 'twofold-backup-2025-06-01T00-00-00-000Z.json'), JSON.stringify(other));
    const vaultBefore = await readFile(join(dir, 'vault.json'));
    const list = await value<{ name: string; accounts: number | null; problem: string | null }[]>('backup:versions');
    expect(list.at(-1)).toMatchObject({ accounts: null, problem: expect.stringMatching(/not a Twofold backup/) });
    expect(await call('backup:restore', list.at(-1)!.name)).toMatchObject({ ok: false, error: { code: 'unsupported-format', message: expect.stringMatching(/does not recognise this file/) } });
    const damaged = list.find((v) => v.name.startsWith('twofold-backup-2025-06'))!;
    expect(damaged.problem).toMatch(/another backup password or by another app/);
    const asks = await value<{ status: string; token: string }>('backup:restore', damaged.name);
    expect(asks.status).toBe('needs-password');
    expect(await call('import:password', asks.token, 'wrong password')).toMatchObject({ ok: false, error: { code: 'wrong-password' } });
    expect(await call('backup:restore', '../vault.json')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect((await readFile(join(dir, 'vault.json'))).equals(vaultBefore)).toBe(true);
  });
});

describe('a folder that fails', () => {
  it.each([
    ['ENOSPC', /is full/],
    ['EROFS', /read-only or you lack permission/],
  ])('%s: the banner says what to do, the tray is told once, and the vault still saves', async (code, message) => {
    await setUp();
    fault = code;
    await add('One');
    await afterDebounce();
    await add('Two', 'KRSXG5CTMVRXEZLU');
    await afterDebounce();
    expect(await value('backup:status')).toMatchObject({ lastError: expect.stringMatching(message) });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(message);
    expect(services.vault.accounts().map((a) => a.issuer)).toEqual(['One', 'Two']);
    fault = null;
    await value('backup:now');
    expect(await value('backup:status')).toMatchObject({ lastError: null });
    expect(readAegisVault(await readFile(join(folder, (await versions()).at(-1)!), 'utf8'), PASSWORD).entries).toHaveLength(2);
  });

  it('a folder that disappears: the banner names it; listing versions says the same', async () => {
    await setUp();
    await rm(folder, { recursive: true });
    await add('One');
    await afterDebounce();
    expect(await value('backup:status')).toMatchObject({ lastError: expect.stringMatching(/is missing \(was a drive unplugged/) });
    expect(await call('backup:versions')).toMatchObject({ ok: false, error: { code: 'folder-unavailable', message: expect.stringMatching(/is missing/) } });
    expect(services.vault.accounts()).toHaveLength(1);
  });
});

describe('the password reminder', () => {
  it('is due after 14 days without typing the password when the keychain opens the vault; checking it resets the period; 0 turns it off', async () => {
    expect(await value('backup:status')).toMatchObject({ passwordReminderDue: false });
    // Without a keychain slot there is nothing to forget the password behind.
    clock.advance(15 * 24 * 60 * 60 * 1000);
    expect(await value('backup:status')).toMatchObject({ passwordReminderDue: false });
    await value('vault:keychain', { enabled: true }, PASSWORD);
    await value('vault:unlock', PASSWORD);
    clock.advance(14 * 24 * 60 * 60 * 1000 - 1000);
    expect(await value('backup:status')).toMatchObject({ passwordReminderDue: false });
    clock.advance(1000);
    expect(await value('backup:status')).toMatchObject({ passwordReminderDue: true });
    expect(await call('backup:check-password', 'forgotten it')).toMatchObject({ ok: false, error: { code: 'wrong-password' } });
    expect(await value('backup:check-password', PASSWORD)).toMatchObject({ passwordReminderDue: false });
    await value('settings:set', { passwordReminderDays: 0 });
    clock.advance(60 * 24 * 60 * 60 * 1000);
    expect(await value('backup:status')).toMatchObject({ passwordReminderDue: false });
  });
});
