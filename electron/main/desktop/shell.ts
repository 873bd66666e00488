import { join } from 'node:path';
import { homedir } from 'node:os';
import { app, globalShortcut, Menu, nativeImage, powerMonitor, protocol, screen, session, shell, Tray } from 'electron';
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
}

export function prepareShell(options: ShellOptions) {
  const devServerUrl = app.isPackaged ? undefined : options.devServerUrl;
  const log = (message: string) => console.warn(message);
  const { openExternal } = hardenBeforeReady({ app, protocol, shell, devServerUrl, log });
  const otpauthInbox = new OtpauthInbox();
  registerOtpauthProtocol(app, otpauthInbox, process);
  let services: ShellServices | null = null;
  let desktop: DesktopIntegration | null = null;

  return {
    /** The URL of each window and the origins the IPC sender check trusts. */
    pages: appPages(devServerUrl),
    openExternal,
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
        showCodesWindow: options.showCodesWindow,
        ...(options.showAdminWindow ? { showAdminWindow: options.showAdminWindow } : {}),
        quit: () => app.quit(),
        log,
      });
      desktop = integration;
      const loginEnv = startAtLoginEnv(process, homedir());
      const applyDesktopSettings = (settings: Settings, previous: Settings | null) => {
        integration.applySettings(settings);
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
    /** Call for the codes window right after creating it (before it shows): bounds restored and remembered. */
    windowCreated(window: TrackableWindow & { setBounds(bounds: { x: number; y: number; width: number; height: number }): void; maximize(): void }): void {
      const store = services?.settings;
      if (!store) return;
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
