import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { DesktopApi } from '../../shared/ipc/desktop-api';
import type { CodesActions, CodesState, CodesStore } from './store/codes-store';

/**
 * How components (ours and other areas' dialogs) reach the window's store and the preload API.
 * The store is created once in main.tsx (or per test) and provided at the root.
 */
export const CodesStoreContext = createContext<CodesStore | null>(null);
export const DesktopApiContext = createContext<DesktopApi | null>(null);

/** The store itself, for reading state in an event handler without subscribing to it. */
export function useCodesStore(): CodesStore {
  return useCodesStoreApi();
}

function useCodesStoreApi(): CodesStore {
  const store = useContext(CodesStoreContext);
  if (!store) throw new Error('useCodes* must be used inside <CodesStoreContext.Provider>.');
  return store;
}

export function useCodes<T>(selector: (state: CodesState) => T): T {
  return useStore(useCodesStoreApi(), selector);
}

export function useCodesActions(): CodesActions {
  return useStore(useCodesStoreApi(), (state) => state.actions);
}

export function useDesktopApi(): DesktopApi {
  const api = useContext(DesktopApiContext);
  if (!api) throw new Error('useDesktopApi must be used inside <DesktopApiContext.Provider>.');
  return api;
}
