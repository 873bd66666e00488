import type { MenuItemConstructorOptions } from 'electron';

/**
 * The tray (notification-area) icon: the favourites (one click copies the current code), Show,
 * Lock and Quit, whatever the window's state. On Linux a click on the icon is not reported by
 * every desktop, so everything is in the menu too.
 *
 * @see https://www.electronjs.org/docs/latest/api/tray
 */
export interface TrayActions {
  show(): void;
  lock(): void;
  quit(): void;
  /** Copies the favourite's current code (same clipboard clearing as the window). */
  copy(id: string): void;
}

/** A favourite as the tray lists it: never a code or secret, only who it is for. */
export interface TrayFavourite {
  id: string;
  label: string;
}

export interface TrayState {
  locked: boolean;
  /** Favourites in display order (empty while locked). */
  favourites: readonly TrayFavourite[];
}

/** At most this many favourites in the menu: a menu taller than the screen helps nobody. */
export const TRAY_FAVOURITES_MAX = 15;

export function trayMenuTemplate(actions: TrayActions, state: TrayState): MenuItemConstructorOptions[] {
  const favourites: MenuItemConstructorOptions[] =
    !state.locked && state.favourites.length > 0
      ? [
          { id: 'favourites-heading', label: 'Copy code', enabled: false },
          ...state.favourites.slice(0, TRAY_FAVOURITES_MAX).map(
            (f): MenuItemConstructorOptions => ({ id: `copy:${f.id}`, label: trayLabel(f.label), click: () => actions.copy(f.id) }),
          ),
          { type: 'separator' },
        ]
      : [];
  return [
    ...favourites,
    { id: 'show', label: 'Show Twofold', click: () => actions.show() },
    {
      id: 'lock',
      label: state.locked ? 'Locked' : 'Lock Now',
      enabled: !state.locked,
      click: () => actions.lock(),
    },
    { type: 'separator' },
    { id: 'quit', label: 'Quit Twofold', click: () => actions.quit() },
  ];
}

/** Menu labels treat "&" as a mnemonic on Windows and Linux: double it; keep labels short. */
function trayLabel(label: string): string {
  const short = label.length > 60 ? `${label.slice(0, 59)}…` : label;
  return short.replace(/&/g, '&&');
}

/** The parts of Electron's Tray and Menu the tray uses. */
export interface TrayLike {
  setToolTip(toolTip: string): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayDeps {
  createTray(): TrayLike;
  buildMenu(template: MenuItemConstructorOptions[]): unknown;
  actions: TrayActions;
}

export interface AppTray {
  /** Rebuilds the menu for the vault's state (Lock is disabled and favourites hidden while locked). */
  update(state: TrayState): void;
  destroy(): void;
}

export function createAppTray(deps: TrayDeps, initial: TrayState): AppTray {
  const tray = deps.createTray();
  tray.setToolTip('Twofold');
  tray.on('click', () => deps.actions.show());
  const update = (state: TrayState): void => {
    tray.setToolTip(state.locked ? 'Twofold (locked)' : 'Twofold');
    tray.setContextMenu(deps.buildMenu(trayMenuTemplate(deps.actions, state)));
  };
  update(initial);
  return { update, destroy: () => tray.destroy() };
}
