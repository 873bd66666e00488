import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AccountPatchInput, TypedAccountInput } from '../../../shared/ipc/accounts-channels';
import type { DesktopApi } from '../../../shared/ipc/desktop-api';
import { MAX_CODES_PER_CALL } from '../../../shared/ipc/codes-channels';
import type { KeychainAvailabilityView, VaultStatusView } from '../../../shared/ipc/vault-channels';
import type { AccountView } from '../../../shared/otp/account';
import type { CodeView } from '../../../shared/otp/code-view';
import { ok, type AppError, type Result } from '../../../shared/result';
import type { Settings, SettingsPatch } from '../../../shared/settings';
import { hasTag, tagKey } from '../../../shared/otp/tags';
import { accountLabel, moveAmongShown, placeRelativeTo } from './account-display';

export type Screen = 'loading' | 'first-run' | 'locked' | 'unlocked';

export interface Toast {
  id: number;
  message: string;
  tone: 'success' | 'error';
  /** A button in the toast (Undo after a delete); the toast stays longer when it has one. */
  action?: ToastAction;
}

export interface ToastAction {
  label: string;
  run: () => void;
}

/** Which dialog is open. An "Add" dialog is named by its menu entry id (see extensions.ts). */
export type DialogState =
  | { kind: 'add'; entryId: string }
  | { kind: 'edit'; id: string }
  | { kind: 'delete'; id: string }
  | { kind: 'recovery-codes'; id: string }
  | { kind: 'settings' }
  | { kind: 'shortcuts' }
  | { kind: 'trash' }
  | { kind: 'restore' }
  | { kind: 'tags' };

export interface CodesState {
  status: VaultStatusView | null;
  keychain: KeychainAvailabilityView | null;
  settings: Settings | null;
  accounts: AccountView[];
  codes: Record<string, CodeView>;
  query: string;
  /** The tag filter chips chosen: an account is shown when it carries every one (AND). */
  tagFilter: string[];
  dialog: DialogState | null;
  toast: Toast | null;
  /** An account just added (typed, scanned, linked or imported): scrolled into view and highlighted once. */
  highlight: { id: string; seq: number } | null;
  /** Asks the list to scroll to an account and focus it (the search field's ArrowDown). */
  focusRequest: { id: string; seq: number } | null;
  /** False until the first list after unlock arrived (that one highlights nothing). */
  highlightNext: boolean;
  /** A failure to reach the main process at start (shown instead of a blank window). */
  fatal: string | null;
  actions: CodesActions;
}

export interface CodesActions {
  /** Loads status, settings and keychain availability and subscribes to events; returns the unsubscribe. */
  start(): Promise<() => void>;
  createVault(password: string, options: { keychain: boolean }): Promise<Result<VaultStatusView>>;
  unlock(password: string): Promise<Result<VaultStatusView>>;
  unlockWithKeychain(): Promise<Result<VaultStatusView>>;
  lock(): Promise<void>;
  loadAccounts(): Promise<void>;
  /** Asks main for the codes of the shown accounts (every second: the countdown and rollovers). */
  refreshCodes(): Promise<void>;
  /**
   * The accounts the list renders now (the virtual window plus its overscan): the only ones whose
   * codes are asked for. Those not known yet are fetched at once; the rest wait for the refresh.
   */
  showCodesFor(ids: readonly string[]): void;
  copy(id: string): Promise<void>;
  /** Copies the next period's code (next-code preview on). */
  copyNext(id: string): Promise<void>;
  /** Scrolls the list to this account and focuses it (rendering it first if the list had not). */
  focusAccount(id: string): void;
  /** "Hide codes": asks main for this account's digits, shown for 10 s (main keeps the deadline). */
  reveal(id: string): Promise<void>;
  nextHotp(id: string): Promise<void>;
  addTyped(input: TypedAccountInput): Promise<Result<AccountView>>;
  addUri(uri: string): Promise<Result<AccountView>>;
  update(id: string, patch: AccountPatchInput): Promise<Result<AccountView>>;
  /** Moves the account to the trash; the toast offers Undo. */
  remove(id: string): Promise<Result<null>>;
  /** Takes an account out of the trash, back where it was (Undo, or Restore in the Trash view). */
  restore(id: string): Promise<Result<AccountView>>;
  toggleFavourite(id: string): Promise<void>;
  /** Moves an account one place among `shownInSection` (the ids shown beside it). */
  move(id: string, delta: -1 | 1, shownInSection: readonly string[]): Promise<boolean>;
  /** Drag and drop: puts `id` before or after `target`. */
  moveTo(id: string, target: string, where: 'before' | 'after'): Promise<void>;
  setQuery(query: string): void;
  /** Adds the tag to the filter, or takes it out when it is there. */
  toggleTagFilter(tag: string): void;
  /** The "All" chip: no tag filter. */
  clearTagFilter(): void;
  /** Renames the tag on every account (one vault save in main); the filter follows the new name. */
  renameTag(from: string, to: string): Promise<Result<number>>;
  /** Removes the tag from every account (one vault save in main); the accounts stay. */
  deleteTag(tag: string): Promise<Result<number>>;
  openDialog(dialog: DialogState): void;
  closeDialog(): void;
  showToast(message: string, tone?: Toast['tone'], action?: ToastAction): void;
  dismissToast(id?: number): void;
  saveSettings(patch: SettingsPatch): Promise<Result<Settings>>;
  changePassword(current: string, next: string): Promise<Result<VaultStatusView>>;
  /** Turns keychain unlock on or off; needs the vault password (main may also ask in a native dialog). */
  setKeychain(enabled: boolean, password: string): Promise<Result<VaultStatusView>>;
  /** User activity: restarts the auto-lock countdown (sent at most every 15 s). */
  touch(): void;
}

export type CodesStore = StoreApi<CodesState>;

export function screenOf(status: VaultStatusView | null): Screen {
  if (!status) return 'loading';
  return status.state === 'missing' ? 'first-run' : status.state === 'locked' ? 'locked' : 'unlocked';
}

const TOUCH_INTERVAL_MS = 15_000;

const codesById = (views: readonly CodeView[]): Record<string, CodeView> => Object.fromEntries(views.map((c) => [c.id, c]));

/** The filter without tags no account carries any more (renamed elsewhere, deleted, account gone). */
function keepTagsInUse(filter: string[], accounts: readonly AccountView[]): string[] {
  if (filter.length === 0) return filter;
  const kept = filter.filter((tag) => accounts.some((a) => hasTag(a.tags, tag)));
  return kept.length === filter.length ? filter : kept;
}

/**
 * The codes window's state and actions, over the preload API (zustand's factory pattern: the
 * dependency comes in, each test makes a fresh store with a fake api). Components only read
 * state and call actions. The store never holds a secret: accounts are `AccountView`s and codes
 * come computed from main.
 */
export function createCodesStore(api: DesktopApi, now: () => number = () => Date.now()): CodesStore {
  let toastSeq = 0;
  let highlightSeq = 0;
  let lastTouch = -Infinity;
  /** The ids the list renders (see showCodesFor); codes of other accounts are neither asked for nor kept. */
  let shownIds: readonly string[] = [];
  let fetchingMissing = false;
  let missingAgain = false;

  return createStore<CodesState>()((set, get) => {
    const failToast = (error: AppError) => get().actions.showToast(error.message, 'error');

    function applyStatus(status: VaultStatusView): void {
      const wasUnlocked = get().status?.state === 'unlocked';
      set({ status });
      if (status.state !== 'unlocked') {
        // Locked: forget everything about the accounts and close what showed them.
        shownIds = [];
        set({ accounts: [], codes: {}, dialog: null, query: '', tagFilter: [], highlight: null, highlightNext: false });
      } else if (!wasUnlocked) {
        void actions.loadAccounts();
      }
    }

    async function afterStatusCall(result: Result<VaultStatusView>): Promise<Result<VaultStatusView>> {
      if (result.ok) applyStatus(result.value);
      return result;
    }

    /** Codes of the shown ids, asked for in one call (an empty list needs no call). */
    async function codesOfShown(): Promise<Result<CodeView[]>> {
      const ids = shownIds.slice(0, MAX_CODES_PER_CALL);
      return ids.length === 0 ? ok([]) : api.codes.current(ids);
    }

    /**
     * A fresh answer for the shown ids replaces the codes (those of rows scrolled away are
     * dropped), keeping any shown id fetched while this answer was on its way.
     */
    function replaceCodes(views: readonly CodeView[]): void {
      const next = codesById(views);
      const before = get().codes;
      for (const id of shownIds) {
        const kept = before[id];
        if (!next[id] && kept) next[id] = kept;
      }
      set({ codes: next });
    }

    /** Fetches the codes of shown rows that have none yet; one call at a time, again if more rows appeared meanwhile. */
    async function fetchMissing(): Promise<void> {
      if (fetchingMissing) {
        missingAgain = true;
        return;
      }
      fetchingMissing = true;
      try {
        do {
          missingAgain = false;
          const have = get().codes;
          const missing = shownIds.filter((id) => !have[id]).slice(0, MAX_CODES_PER_CALL);
          if (missing.length === 0 || get().status?.state !== 'unlocked') return;
          const result = await api.codes.current(missing);
          if (!result.ok || get().status?.state !== 'unlocked') return;
          set({ codes: { ...get().codes, ...codesById(result.value) } });
        } while (missingAgain);
      } finally {
        fetchingMissing = false;
      }
    }

    async function reorder(ids: string[]): Promise<void> {
      const before = get().accounts;
      const byId = new Map(before.map((a) => [a.id, a]));
      set({ accounts: ids.map((id) => byId.get(id)).filter((a): a is AccountView => a !== undefined) });
      const result = await api.accounts.reorder(ids);
      if (!result.ok) {
        failToast(result.error);
        await actions.loadAccounts();
      }
    }

    const actions: CodesActions = {
      async start() {
        const offs = [
          api.on('vault:changed', (status) => applyStatus(status)),
          api.on('accounts:changed', () => {
            if (get().status?.state === 'unlocked') void actions.loadAccounts();
          }),
          api.on('settings:changed', (settings) => set({ settings })),
        ];
        const [status, settings, keychain] = await Promise.all([api.vault.status(), api.settings.get(), api.vault.keychainAvailability()]);
        if (!status.ok) set({ fatal: status.error.message });
        else applyStatus(status.value);
        if (settings.ok) set({ settings: settings.value });
        if (keychain.ok) set({ keychain: keychain.value });
        return () => offs.forEach((off) => off());
      },

      createVault: async (password, options) => afterStatusCall(await api.vault.create(password, options)),
      unlock: async (password) => afterStatusCall(await api.vault.unlock(password)),
      unlockWithKeychain: async () => afterStatusCall(await api.vault.unlockKeychain()),

      async lock() {
        const result = await afterStatusCall(await api.vault.lock());
        if (!result.ok) failToast(result.error);
      },

      async loadAccounts() {
        const [accounts, codes] = await Promise.all([api.accounts.list(), codesOfShown()]);
        if (get().status?.state !== 'unlocked') return;
        if (accounts.ok) {
          const before = get().accounts;
          // Accounts that were not there before (added, scanned, linked or imported) are shown
          // to the user: the last one is scrolled into view and highlighted.
          if (get().highlightNext) {
            const known = new Set(before.map((a) => a.id));
            const added = accounts.value.filter((a) => !known.has(a.id));
            const last = added.at(-1);
            if (last) set({ highlight: { id: last.id, seq: ++highlightSeq } });
          }
          set({ accounts: accounts.value, highlightNext: true, tagFilter: keepTagsInUse(get().tagFilter, accounts.value) });
        }
        if (codes.ok) replaceCodes(codes.value);
      },

      async refreshCodes() {
        if (get().status?.state !== 'unlocked') return;
        const result = await codesOfShown();
        if (result.ok && get().status?.state === 'unlocked') replaceCodes(result.value);
      },

      showCodesFor(ids) {
        shownIds = ids;
        if (get().status?.state === 'unlocked' && ids.some((id) => !get().codes[id])) void fetchMissing();
      },

      async copy(id) {
        const result = await api.codes.copy(id);
        if (!result.ok) return failToast(result.error);
        const seconds = result.value.clearsInSeconds;
        actions.showToast(seconds > 0 ? `Copied — clears in ${seconds} s` : 'Copied', 'success');
        // The copy was counted in main: reload so the usage-based orders follow (now or when chosen).
        await actions.loadAccounts();
      },

      async copyNext(id) {
        const result = await api.codes.copyNext(id);
        if (!result.ok) return failToast(result.error);
        const seconds = result.value.clearsInSeconds;
        actions.showToast(seconds > 0 ? `Next code copied — clears in ${seconds} s` : 'Next code copied', 'success');
      },

      focusAccount(id) {
        set({ focusRequest: { id, seq: ++highlightSeq } });
      },

      async reveal(id) {
        const result = await api.codes.reveal(id);
        if (!result.ok) return failToast(result.error);
        if (get().status?.state === 'unlocked') set({ codes: { ...get().codes, [id]: result.value } });
      },

      async nextHotp(id) {
        const result = await api.codes.hotpNext(id);
        if (!result.ok) return failToast(result.error);
        set({ codes: { ...get().codes, [id]: result.value } });
      },

      async addTyped(input) {
        const result = await api.accounts.add(input);
        if (result.ok) await actions.loadAccounts();
        return result;
      },

      async addUri(uri) {
        const result = await api.accounts.addUri(uri);
        if (result.ok) await actions.loadAccounts();
        return result;
      },

      async update(id, patch) {
        const result = await api.accounts.update(id, patch);
        if (result.ok) {
          const accounts = get().accounts.map((a) => (a.id === id ? result.value : a));
          set({ accounts, tagFilter: keepTagsInUse(get().tagFilter, accounts) });
        }
        return result;
      },

      async renameTag(from, to) {
        const result = await api.accounts.renameTag(from, to);
        if (result.ok) {
          const filter = get().tagFilter.map((t) => (tagKey(t) === tagKey(from) ? to.trim() : t));
          set({ tagFilter: filter.filter((t, i) => filter.findIndex((u) => tagKey(u) === tagKey(t)) === i) });
          await actions.loadAccounts();
        }
        return result;
      },

      async deleteTag(tag) {
        const result = await api.accounts.deleteTag(tag);
        if (result.ok) {
          set({ tagFilter: get().tagFilter.filter((t) => tagKey(t) !== tagKey(tag)) });
          await actions.loadAccounts();
        }
        return result;
      },

      async remove(id) {
        const account = get().accounts.find((a) => a.id === id);
        const result = await api.accounts.remove(id);
        if (result.ok) {
          set({ accounts: get().accounts.filter((a) => a.id !== id) });
          if (account) actions.showToast(`Moved ${accountLabel(account)} to the trash`, 'success', { label: 'Undo', run: () => void actions.restore(id) });
        }
        return result;
      },

      async restore(id) {
        const result = await api.trash.restore(id);
        if (result.ok) {
          await actions.loadAccounts();
          actions.showToast(`Restored ${accountLabel(result.value)}`, 'success');
        } else failToast(result.error);
        return result;
      },

      async toggleFavourite(id) {
        const account = get().accounts.find((a) => a.id === id);
        if (!account) return;
        const result = await actions.update(id, { favourite: !account.favourite });
        if (!result.ok) failToast(result.error);
      },

      async move(id, delta, shownInSection) {
        const next = moveAmongShown(
          get().accounts.map((a) => a.id),
          shownInSection,
          id,
          delta,
        );
        if (!next) return false;
        await reorder(next);
        return true;
      },

      async moveTo(id, target, where) {
        const next = placeRelativeTo(
          get().accounts.map((a) => a.id),
          id,
          target,
          where,
        );
        if (next) await reorder(next);
      },

      setQuery: (query) => set({ query }),
      toggleTagFilter(tag) {
        const filter = get().tagFilter;
        set({ tagFilter: hasTag(filter, tag) ? filter.filter((t) => tagKey(t) !== tagKey(tag)) : [...filter, tag] });
      },
      clearTagFilter: () => set({ tagFilter: [] }),
      openDialog: (dialog) => set({ dialog }),
      closeDialog: () => set({ dialog: null }),

      showToast(message, tone = 'success', action) {
        set({ toast: action ? { id: ++toastSeq, message, tone, action } : { id: ++toastSeq, message, tone } });
      },
      dismissToast(id) {
        if (id === undefined || get().toast?.id === id) set({ toast: null });
      },

      async saveSettings(patch) {
        const result = await api.settings.set(patch);
        if (result.ok) set({ settings: result.value });
        return result;
      },

      changePassword: async (current, next) => afterStatusCall(await api.vault.changePassword(current, next)),
      setKeychain: async (enabled, password) => afterStatusCall(await api.vault.keychain({ enabled }, password)),

      touch() {
        if (get().status?.state !== 'unlocked') return;
        const t = now();
        if (t - lastTouch < TOUCH_INTERVAL_MS) return;
        lastTouch = t;
        void api.vault.touch();
      },
    };

    return {
      status: null,
      keychain: null,
      settings: null,
      accounts: [],
      codes: {},
      query: '',
      tagFilter: [],
      dialog: null,
      toast: null,
      highlight: null,
      focusRequest: null,
      highlightNext: false,
      fatal: null,
      actions,
    };
  });
}
