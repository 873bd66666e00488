import type { DesktopApi } from '../../shared/ipc/desktop-api';

/** `window.twofold`, as the preload exposes it (the type is derived from shared/ipc/contract.ts). */
declare global {
  interface Window {
    readonly twofold: DesktopApi;
  }
}

export {};
