import { join } from 'node:path';
import { homedir } from 'node:os';
import { app, globalShortcut, Menu, nativeImage, Notification, powerMonitor, protocol, screen, session, shell, Tray } from 'electron';
import type { ShortcutOutcome } from '../../../shared/ipc/desktop-channels';
import { ContentProtection } from '../windows/content-protection';
import { keepInTrayOnClose, type ClosableWindow } from './close-to-tray';
import type { DesktopPort } from './desktop-port';
import type { Settings, SettingsStore } from '../../../shared/settings';
import { appPages, hardenBeforeReady, hardenSession } from '../security/harden-app';
import { installDesktopIntegration, rememberWindowBounds, type DesktopIntegration } from './desktop-integration';
import { deliverLinksWhileUnlocked, OtpauthInbox, registerOtpauthProtocol } from './otpauth-links';
import { claimSingleInstance } from './single-instance';
import { applyStartAtLogin, startAtLoginEnv } from './start-at-login';
import type { TrackableWindow } from './window-state';

/**
 * The Electron adapter for security and desktop integration: the main entry makes three calls,
 * `prepareShell` at load, `whenReady` once the services exist (before any window), and
 * `windowCreated` for the codes window. Everything it does is decided in the tested modules
 * beside it; this file only hands them Electron's objects.
 */
export interface ShellOptions {
  /** out/renderer, served on app://twofold. */
  rendererRoot: string;
  /** electron-vite's dev server; ignored in a packaged app. */
  devServerUrl?: string | undefined;
  /** Bring the codes window forward (second launch, tray, global shortcut). */
  showCodesWindow(): void;
  /** Open the admin window (app menu entry). */
  showAdminWindow?(): void;
}

/** What the shell needs from the services (see app-services.ts). */
export interface ShellServices {
  vault: { lock(): void; status(): { state: string }; onChange(listener: () => void): () => void };
  settings: SettingsStore;
  /** Puts a linked otpauth URI up for the user's review in the codes window. Key material. */
  scan: { receiveLink(uri: string): unknown };
  /** Who each account is for (the tray lists favourites); read only while unlocked. */
  accounts(): readonly { id: string; issuer: string; name: string; favourite: boolean }[];
  /** The window's copy path (copyAccountCode): clears the clipboard the same way. */
  copyCode(id: string): Promise<unknown>;
}

export function prepareShell(options: ShellOptions) {
  const devServerUrl = app.isPackaged ? undefined : options.devServerUrl;
  const log = (message: string) => console.warn(message);
  const { openExternal } = hardenBeforeReady({ app, protocol, shell, devServerUrl, log });
  const otpauthInbox = new OtpauthInbox();
  registerOtpauthProtocol(app, otpauthInbox, process);
  let services: ShellServices | null = null;
  let desktop: DesktopIntegration | null = null;
  // On until the settings say otherwise: a window created before the settings are read is protected.
  const protection = new ContentProtection(true);
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });
  const notify = (title: string, body: string) => {
    if (Notification.isSupported()) new Notification({ title, body }).show();
  };
  /** The desktop half of the `desktop:*` IPC calls (see DesktopPort). */
  const desktopPort: DesktopPort = {
    setGlobalShortcut(accelerator): ShortcutOutcome {
      const store = services?.settings;
      if (!desktop || !store) return { active: null, problem: { code: 'shortcut-taken', message: 'Twofold is still starting. Try again in a moment.' } };
      const result = desktop.applySettings({ globalShortcut: accelerator }).shortcut;
      if (!result.ok) return { active: result.active, problem: result.error };
      store.set({ globalShortcut: accelerator });
      return { active: result.active, problem: null };
    },
  };

  return {
    /** The URL of each window and the origins the IPC sender check trusts. */
    pages: appPages(devServerUrl),
    openExternal,
    /** Every window factory takes this: content protection is applied before a window shows. */
    protection,
    desktopPort,
    /** False: another Twofold runs and has been handed our link; quit now. */
    claimSingleInstance(): boolean {
      return claimSingleInstance(app, {
        argv: process.argv,
        onSecondLaunch: ({ otpauthUri }) => {
          if (otpauthUri) otpauthInbox.push(otpauthUri);
          options.showCodesWindow();
        },
      });
    },
    /** Call once the services exist, before the first window: app://, CSP, permissions, tray, menu, shortcut, locks. */
    whenReady(ready: ShellServices): void {
      services = ready;
      hardenSession({ session: session.defaultSession, rendererRoot: options.rendererRoot, devServerUrl });
      const isLocked = () => ready.vault.status().state !== 'unlocked';
      const integration = installDesktopIntegration({
        electron: {
          createTray: (iconPath) => new Tray(nativeImage.createFromPath(iconPath)),
          buildMenu: (template) => Menu.buildFromTemplate(template),
          setApplicationMenu: (menu) => Menu.setApplicationMenu(menu as Menu),
          globalShortcut,
          powerMonitor,
        },
        platform: process.platform,
        appName: app.name,
        development: !app.isPackaged,
        trayIconPath: join(app.getAppPath(), 'build', 'icons', process.platform === 'darwin' ? '16x16.png' : '32x32.png'),
        vault: { lock: () => ready.vault.lock(), isLocked },
        favourites: () =>
          ready
            .accounts()
            .filter((a) => a.favourite)
            .map((a) => ({ id: a.id, label: a.issuer.trim() && a.name.trim() ? `${a.issuer.trim()} (${a.name.trim()})` : a.issuer.trim() || a.name.trim() || 'Unnamed account' })),
        copyCode: (id) => ready.copyCode(id),
        showCodesWindow: options.showCodesWindow,
        ...(options.showAdminWindow ? { showAdminWindow: options.showAdminWindow } : {}),
        quit: () => app.quit(),
        log,
      });
      desktop = integration;
      const loginEnv = startAtLoginEnv(process, homedir());
      const applyDesktopSettings = (settings: Settings, previous: Settings | null) => {
        integration.applySettings(settings);
        protection.setEnabled(settings.contentProtection);
        if (previous === null || previous.startAtLogin !== settings.startAtLogin) {
          applyStartAtLogin(app, loginEnv, settings.startAtLogin).catch((error: unknown) =>
            log(`[desktop] start at login: ${error instanceof Error ? error.message : String(error)}`),
          );
        }
      };
      let current = ready.settings.get();
      applyDesktopSettings(current, null);
      ready.settings.onChange((next) => {
        applyDesktopSettings(next, current);
        current = next;
      });
      // Links wait in the inbox while the vault is locked (nothing can be added then), and go
      // to the scan review as soon as it is unlocked; the review reaches the codes window as
      // the 'scan:review-ready' event.
      const linksFollowVault = deliverLinksWhileUnlocked(otpauthInbox, isLocked, (uri) => {
        ready.scan.receiveLink(uri);
        options.showCodesWindow();
      });
      const followVault = () => {
        integration.vaultChanged();
        linksFollowVault();
      };
      ready.vault.onChange(followVault);
      followVault();
      app.on('will-quit', () => integration.dispose());
      if (process.env.TWOFOLD_E2E === '1') {
        // For test/desktop/electron-shell.e2e.ts only: no secrets here, the menu and the count of queued links.
        (globalThis as { __twofoldDesktop?: unknown }).__twofoldDesktop = {
          get trayMenu() {
            return integration.trayMenu;
          },
          otpauthInbox,
        };
      }
    },
    /** Call for the codes window right after creating it (before it shows): bounds restored and remembered, close keeps it in the tray. */
    windowCreated(
      window: TrackableWindow & ClosableWindow & { setBounds(bounds: { x: number; y: number; width: number; height: number }): void; maximize(): void },
    ): void {
      const store = services?.settings;
      if (!store) return;
      keepInTrayOnClose(window, {
        settings: store,
        isQuitting: () => quitting,
        hasTray: () => desktop?.hasTray ?? false,
        notify,
        log,
      });
      rememberWindowBounds(window, {
        displays: () => screen.getAllDisplays(),
        load: () => store.get().windowBounds,
        save: (bounds) => {
          try {
            store.set({ windowBounds: bounds });
          } catch (error) {
            log(`[desktop] window position not saved: ${error instanceof Error ? error.message : String(error)}`);
          }
        },
      });
    },
    get desktop(): DesktopIntegration | null {
      return desktop;
    },
  };
}
