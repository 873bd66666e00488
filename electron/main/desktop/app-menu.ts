import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu, built from Electron's standard roles so every platform gets its usual
 * shortcuts (copy/paste in text fields, close window, reload in development only, zoom, quit)
 * with the platform's own labels and accelerators. macOS gets the app menu first, as its HIG asks.
 *
 * @see https://www.electronjs.org/docs/latest/api/menu-item#roles
 */
export interface AppMenuActions {
  lock(): void;
  showCodes(): void;
  /** Opens the admin window, when the build has one. */
  showAdmin?: () => void;
}

export function applicationMenuTemplate(
  actions: AppMenuActions,
  options: { platform: NodeJS.Platform; appName: string; development: boolean },
): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const vaultItems: MenuItemConstructorOptions[] = [
    { id: 'lock', label: 'Lock Vault', accelerator: 'CommandOrControl+L', click: () => actions.lock() },
  ];
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: options.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        ...vaultItems,
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push({
    label: mac ? 'File' : '&File',
    submenu: mac ? [{ role: 'close' }] : [...vaultItems, { type: 'separator' }, { role: 'quit' }],
  });
  template.push({
    label: mac ? 'Edit' : '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  });
  template.push({
    label: mac ? 'View' : '&View',
    submenu: [
      ...(options.development ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[]) : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  const windowItems: MenuItemConstructorOptions[] = [
    { id: 'codes', label: 'Codes', accelerator: 'CommandOrControl+1', click: () => actions.showCodes() },
  ];
  if (actions.showAdmin) {
    const showAdmin = actions.showAdmin;
    windowItems.push({ id: 'admin', label: 'MFA Administration', accelerator: 'CommandOrControl+2', click: () => showAdmin() });
  }
  template.push({
    role: 'windowMenu',
    submenu: [{ role: 'minimize' }, ...(mac ? [{ role: 'zoom' } as MenuItemConstructorOptions] : []), { type: 'separator' }, ...windowItems, ...(mac ? [] : [{ role: 'close' } as MenuItemConstructorOptions])],
  });
  return template;
}
