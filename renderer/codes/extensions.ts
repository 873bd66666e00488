import type { ComponentType } from 'react';
import type { IconName } from '../ui/Icon';
import { AddKeyDialog } from './components/AddKeyDialog';
import { AddUriDialog } from './components/AddUriDialog';
import { SecuritySettings } from './components/SecuritySettings';
import { PrivacySettings } from './components/PrivacySettings';
import { DesktopSettings } from './components/DesktopSettings';
import { ScanDialog } from './scan/ScanDialog';
import { AdminModeSection } from '../admin/entry/AdminModeSection';
import { BackupSettings } from './backup/BackupSettings';
import { ImportDialog } from './import/ImportDialog';
import { ExportSettings } from './import/ExportSettings';
import { UpdateSettings } from './updates/UpdateSettings';

/**
 * The codes window's mount points. Another area (scanning, import/export) adds its UI with one
 * line in a list below; its components reach the store and the API through the hooks in
 * context.ts (`useCodesActions()`, `useDesktopApi()`), and new accounts appear by themselves
 * (main sends 'accounts:changed').
 */

export interface AddDialogProps {
  /** Closes the dialog (after success or on cancel). */
  onClose: () => void;
}

/** An entry of the "Add account" menu and the dialog it opens. */
export interface AddMenuEntry {
  id: string;
  /** Menu text, ending in "…" because it opens a dialog ("Scan QR code…"). */
  label: string;
  icon: IconName;
  Dialog: ComponentType<AddDialogProps>;
}

export const addMenuEntries: readonly AddMenuEntry[] = [
  { id: 'scan', label: 'Scan QR code…', icon: 'qr', Dialog: ScanDialog },
  { id: 'typed-key', label: 'Enter a setup key…', icon: 'key', Dialog: AddKeyDialog },
  { id: 'otpauth-uri', label: 'Paste an otpauth:// link…', icon: 'link', Dialog: AddUriDialog },
  { id: 'import-file', label: 'Import from a file…', icon: 'plus', Dialog: ImportDialog },
];

/** A section of the Settings dialog. */
export interface SettingsSection {
  id: string;
  title: string;
  Component: ComponentType;
}

export const settingsSections: readonly SettingsSection[] = [
  { id: 'security', title: 'Security', Component: SecuritySettings },
  { id: 'privacy', title: 'Privacy', Component: PrivacySettings },
  { id: 'desktop', title: 'Tray and shortcuts', Component: DesktopSettings },
  { id: 'backup', title: 'Backups', Component: BackupSettings },
  { id: 'export', title: 'Export', Component: ExportSettings },
  { id: 'admin', title: 'Admin mode', Component: AdminModeSection },
  { id: 'updates', title: 'Updates', Component: UpdateSettings },
];
