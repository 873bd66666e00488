import type { MenuItemConstructorOptions } from 'electron';
import type { Settings, WindowBounds } from '../../../shared/settings';
import { applicationMenuTemplate } from './app-menu';
import { GlobalShortcutBinding, type ShortcutRegistry, type ShortcutResult } from './global-shortcut';
import { lockOnSystemEvents, type LockEvent, type PowerMonitorLike } from './lock-triggers';
import { createAppTray, type AppTray, type TrayFavourite, type TrayLike, type TrayState } from './tray';
import { restoreBounds, trackWindowState, type DisplayLike, type TrackableWindow } from './window-state';

/**
 * Desktop integration in one call for the main entry, once `app` is ready: tray, application
 * menu, global shortcut, lock on screen lock and suspend. Settings changes are applied with
 * `applySettings`. Electron's objects come in as parameters (narrowed to what is used), so this
 * runs in tests with recording stand-ins.
 */
export interface DesktopDeps {
  electron: {
    createTray(iconPath: string): TrayLike;
    buildMenu(template: MenuItemConstructorOptions[]): unknown;
    setApplicationMenu(menu: unknown): void;
    globalShortcut: ShortcutRegistry & { unregisterAll(): void };
    powerMonitor: PowerMonitorLike;
  };
  platform: NodeJS.Platform;
  appName: string;
  development: boolean;
  /** A PNG for the tray (build/icons/32x32.png inside the app). */
  trayIconPath: string;
  vault: { lock(): void; isLocked(): boolean };
  /** The favourites to list in the tray, in display order (asked only while unlocked). */
  favourites?: () => readonly TrayFavourite[];
  /** Copies an account's current code the way the window does (clipboard clearing included). */
  copyCode?: (id: string) => Promise<unknown>;
  showCodesWindow(): void;
  showAdminWindow?: () => void;
  quit(): void;
  log?: (message: string) => void;
}

export interface DesktopIntegration {
  /** Applies the desktop-related settings (global shortcut); the result says if the shortcut was refused. */
  applySettings(settings: Pick<Settings, 'globalShortcut'>): { shortcut: ShortcutResult };
  /** Call when the vault locks or unlocks or its accounts change: the tray menu follows. */
  vaultChanged(): void;
  /** False where the desktop has no notification area. */
  readonly hasTray: boolean;
  /** For the e2e tests: the tray menu's template as last built. */
  readonly trayMenu: unknown;
  dispose(): void;
}

export function installDesktopIntegration(deps: DesktopDeps): DesktopIntegration {
  const { electron } = deps;
  const actions = {
    show: deps.showCodesWindow,
    lock: () => deps.vault.lock(),
    quit: deps.quit,
    copy: (id: string) => {
      deps.copyCode?.(id).catch((error: unknown) => deps.log?.(`[desktop] tray copy failed: ${error instanceof Error ? error.message : String(error)}`));
    },
  };
  const trayState = (): TrayState => {
    const locked = deps.vault.isLocked();
    return { locked, favourites: locked || !deps.favourites ? [] : deps.favourites() };
  };
  let trayMenu: unknown = null;
  let tray: AppTray | null = null;
  try {
    tray = createAppTray(
      {
        createTray: () => electron.createTray(deps.trayIconPath),
        buildMenu: (template) => (trayMenu = electron.buildMenu(template)),
        actions,
      },
      trayState(),
    );
  } catch (error) {
    // Some Linux desktops have no notification area; the app still works from its window.
    deps.log?.(`[desktop] no tray icon: ${error instanceof Error ? error.message : String(error)}`);
  }
  electron.setApplicationMenu(
    electron.buildMenu(
      applicationMenuTemplate(
        { lock: actions.lock, showCodes: deps.showCodesWindow, ...(deps.showAdminWindow ? { showAdmin: deps.showAdminWindow } : {}) },
        { platform: deps.platform, appName: deps.appName, development: deps.development },
      ),
    ),
  );
  const shortcut = new GlobalShortcutBinding(electron.globalShortcut, deps.showCodesWindow);
  const stopLocking = lockOnSystemEvents(electron.powerMonitor, actions.lock, (event: LockEvent) =>
    deps.log?.(`[desktop] vault locked: ${event}`),
  );
  return {
    applySettings(settings) {
      const result = shortcut.apply(settings.globalShortcut);
      if (!result.ok) deps.log?.(`[desktop] ${result.error.message}`);
      return { shortcut: result };
    },
    vaultChanged: () => tray?.update(trayState()),
    get hasTray() {
      return tray !== null;
    },
    get trayMenu() {
      return trayMenu;
    },
    dispose() {
      stopLocking();
      shortcut.release();
      tray?.destroy();
    },
  };
}

/**
 * Puts a new window where it was last time (corrected onto a visible display) and keeps
 * remembering. Call right after creating the window, before it is shown.
 */
export function rememberWindowBounds(
  window: TrackableWindow & { setBounds(bounds: { x: number; y: number; width: number; height: number }): void; maximize(): void },
  deps: { displays(): readonly DisplayLike[]; load(): WindowBounds | undefined; save(bounds: WindowBounds): void },
): void {
  const restored = restoreBounds(deps.load(), deps.displays());
  if (restored) {
    window.setBounds({ x: restored.x, y: restored.y, width: restored.width, height: restored.height });
    if (restored.maximized) window.maximize();
  }
  trackWindowState(window, deps.save);
}
