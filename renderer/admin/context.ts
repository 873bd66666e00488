import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AdminActions, AdminState, AdminStore } from './store/admin-store';

/** The admin window's store, created once in main.tsx (or per test) and provided at the root. */
export const AdminStoreContext = createContext<AdminStore | null>(null);

function useAdminStoreApi(): AdminStore {
  const store = useContext(AdminStoreContext);
  if (!store) throw new Error('useAdmin* must be used inside <AdminStoreContext.Provider>.');
  return store;
}

export function useAdmin<T>(selector: (state: AdminState) => T): T {
  return useStore(useAdminStoreApi(), selector);
}

export function useAdminActions(): AdminActions {
  return useStore(useAdminStoreApi(), (state) => state.actions);
}
