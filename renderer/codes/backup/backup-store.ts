import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BackupStatusView } from '../../../shared/ipc/backup-channels';
import type { DesktopApi } from '../../../shared/ipc/desktop-api';
import { useDesktopApi } from '../context';

/**
 * The backup status as main reports it (`backup:status`, then every `backup:changed`). No secret
 * and no password is ever kept here; the folder and keys stay in the vault, in main.
 */
export interface BackupState {
  status: BackupStatusView | null;
  /** The "no backup folder" reminder was put off for this session. */
  reminderDismissed: boolean;
  refresh(): Promise<void>;
  set(status: BackupStatusView): void;
  dismissReminder(): void;
}

export function createBackupStore(api: DesktopApi): StoreApi<BackupState> {
  const store = createStore<BackupState>()((set) => ({
    status: null,
    reminderDismissed: false,
    async refresh() {
      const result = await api.backup.status();
      if (result.ok) set({ status: result.value });
    },
    set: (status) => set({ status }),
    dismissReminder: () => set({ reminderDismissed: true }),
  }));
  api.on('backup:changed', (status) => store.getState().set(status));
  // Locking and unlocking change what main can say (the folder lives in the vault).
  api.on('vault:changed', () => void store.getState().refresh());
  return store;
}

const stores = new WeakMap<DesktopApi, StoreApi<BackupState>>();

export function useBackup<T>(selector: (state: BackupState) => T): T {
  const api = useDesktopApi();
  let store = stores.get(api);
  if (!store) {
    store = createBackupStore(api);
    stores.set(api, store);
  }
  const current = store;
  useEffect(() => {
    if (current.getState().status === null) void current.getState().refresh();
  }, [current]);
  return useStore(store, selector);
}
