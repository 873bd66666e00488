import type { MenuItemConstructorOptions } from 'electron';

/**
 * The tray (notification-area) icon: Show, Lock and Quit, whatever the window's state. On Linux
 * a click on the icon is not reported by every desktop, so everything is in the menu too.
 *
 * @see https://www.electronjs.org/docs/latest/api/tray
 */
export interface TrayActions {
  show(): void;
  lock(): void;
  quit(): void;
}

export function trayMenuTemplate(actions: TrayActions, state: { locked: boolean }): MenuItemConstructorOptions[] {
  return [
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
  /** Rebuilds the menu for the vault's state (Lock is disabled while locked). */
  update(state: { locked: boolean }): void;
  destroy(): void;
}

export function createAppTray(deps: TrayDeps, initial: { locked: boolean }): AppTray {
  const tray = deps.createTray();
  tray.setToolTip('Twofold');
  tray.on('click', () => deps.actions.show());
  const update = (state: { locked: boolean }): void => {
    tray.setToolTip(state.locked ? 'Twofold (locked)' : 'Twofold');
    tray.setContextMenu(deps.buildMenu(trayMenuTemplate(deps.actions, state)));
  };
  update(initial);
  return { update, destroy: () => tray.destroy() };
}
