import type { AccountDraft } from '../otp/account';
import type { ImportCrypto } from './import-crypto';

/** The formats Twofold reads. Detected from the content; the CLI's --format may force one. */
export const IMPORT_FORMATS = ['aegis', 'two-fas', 'bitwarden', 'bitwarden-csv', 'ente', 'google-migration-text', 'uri-list'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const IMPORT_FORMAT_LABELS: Readonly<Record<ImportFormat, string>> = {
  aegis: 'Aegis backup',
  'two-fas': '2FAS backup',
  bitwarden: 'Bitwarden export',
  'bitwarden-csv': 'Bitwarden CSV export',
  ente: 'Ente Auth export',
  'google-migration-text': 'Google Authenticator export links',
  'uri-list': 'otpauth link list',
};

/** An entry the file holds that Twofold cannot use, and why (shown in the preview). */
export interface SkippedEntry {
  entry: string;
  reason: string;
}

/**
 * What a format parser returns. Key material: `accounts` hold the secrets; they stay in the main
 * process (or the CLI) and only a secret-free preview goes to the renderer.
 */
export interface ParsedImport {
  accounts: AccountDraft[];
  skipped: SkippedEntry[];
}

export interface ImportContext {
  /** The file name for messages. */
  file: string;
  /** The file's password, for encrypted exports. Key material. */
  password?: string;
  crypto: ImportCrypto;
}

export interface FormatParser {
  readonly format: ImportFormat;
  /** True when the content is this format (cheap, structural). */
  matches(content: DetectedContent): boolean;
  parse(content: DetectedContent, context: ImportContext): Promise<ParsedImport>;
  /** True when the content is encrypted and a password is needed to read it. */
  isEncrypted(content: DetectedContent): boolean;
}

/** The file after the size check and, for JSON, after a depth-checked parse. */
export type DetectedContent = { kind: 'json'; text: string; json: unknown } | { kind: 'text'; text: string };
