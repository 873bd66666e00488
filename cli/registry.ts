import type { CliCommand } from './command';

export interface CommandEntry {
  name: string;
  summary: string;
  /** Commands load on demand, so `twofold code` does not pay for modules it does not use. */
  load: () => Promise<{ default: CliCommand }>;
}

/** Every `twofold` command, in the order `--help` lists them. To add one: a file and a line. */
export const commandRegistry: readonly CommandEntry[] = [
  { name: 'code', summary: 'print the current code for an otpauth:// URI', load: () => import('./commands/code') },
  { name: 'vault init', summary: 'create a new encrypted vault', load: () => import('./commands/vault-init') },
  { name: 'add', summary: 'add an account from an otpauth:// URI to the vault', load: () => import('./commands/add') },
  { name: 'list', summary: 'list the accounts in the vault with their current codes', load: () => import('./commands/list') },
  { name: 'import', summary: 'import the accounts of another authenticator\'s export file', load: () => import('./commands/import') },
  { name: 'export', summary: 'export every account as an encrypted Aegis backup or an otpauth list', load: () => import('./commands/export') },
  { name: 'scan', summary: 'list the QR codes in image files and the accounts they hold', load: () => import('./commands/scan') },
];
