import { z } from 'zod';
import { OtpParamsViewSchema } from '../otp/account';
import { IMPORT_FORMATS } from '../import/import-types';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ENTRIES } from '../import/limits';
import type { ChannelMap } from './channel-types';

/**
 * IPC for import and export (issue #6).
 *
 * Import is preview-then-confirm: the main process reads the file and keeps the drafts (they hold
 * the secrets); the renderer gets a secret-free preview and a token, and `import:confirm` adds
 * everything in one all-or-nothing save. A dropped file's bytes cross once, renderer → main
 * (the secrets the user is adding, DESIGN.md); nothing secret comes back.
 *
 * Export writes only through the save dialog in main, and only after the vault password was
 * entered again and checked in main (rate-limited, see electron/main/services/security). The plain
 * list's warning is confirmed in a native dialog main shows, never by an argument from here.
 * `export:account-qr` is the one deliberate secret crossing main → renderer: a QR image of one
 * account.
 */

/** Key material: passwords typed by the user, used once in main, never logged, never sent back. */
const Password = z.string().min(1).max(1024);
const Token = z.string().min(1).max(64);

export const ImportFormatSchema = z.enum(IMPORT_FORMATS);

export const PreviewAccountSchema = z.object({
  issuer: z.string(),
  name: z.string(),
  tags: z.array(z.string()),
  favourite: z.boolean(),
  otp: OtpParamsViewSchema,
});
export type PreviewAccountView = z.infer<typeof PreviewAccountSchema>;

export const ImportPreviewSchema = z.object({
  format: ImportFormatSchema,
  toAdd: z.array(PreviewAccountSchema),
  duplicates: z.array(PreviewAccountSchema),
  skipped: z.array(z.object({ entry: z.string(), reason: z.string() })),
});
export type ImportPreviewView = z.infer<typeof ImportPreviewSchema>;

export const ImportOutcomeSchema = z.discriminatedUnion('status', [
  /** The user closed the open dialog: not an error. */
  z.object({ status: z.literal('cancelled') }),
  /** The file is encrypted: ask for its password, then call `import:password` with the token. */
  z.object({ status: z.literal('needs-password'), token: Token, file: z.string(), format: ImportFormatSchema }),
  z.object({ status: z.literal('ready'), token: Token, file: z.string(), preview: ImportPreviewSchema }),
]);
export type ImportOutcome = z.infer<typeof ImportOutcomeSchema>;

export const ImportDoneSchema = z.object({
  added: z.number().int(),
  duplicates: z.number().int(),
  skipped: z.number().int(),
  /** Accounts of the preview the user left unticked. */
  notChosen: z.number().int(),
});

export const ExportOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('cancelled') }),
  z.object({ status: z.literal('saved'), path: z.string(), accounts: z.number().int() }),
]);
export type ExportOutcome = z.infer<typeof ExportOutcomeSchema>;

export const importChannels = {
  /** Shows the open dialog and previews the chosen file. */
  'import:open-file': { args: z.tuple([]), result: ImportOutcomeSchema },
  /** Previews a file dropped on the window. Key material: the bytes may hold secrets. */
  'import:file-bytes': {
    args: z.tuple([
      z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_IMPORT_BYTES, `the file is larger than ${MAX_IMPORT_BYTES / 1048576} MB`).describe('bytes'),
      z.string().min(1).max(260).describe('name'),
    ]),
    result: ImportOutcomeSchema,
  },
  /** The password of the encrypted file waiting under `token`; a wrong one keeps it waiting. */
  'import:password': { args: z.tuple([Token.describe('token'), Password.describe('password')]), result: ImportOutcomeSchema },
  /**
   * Adds the previewed accounts the user ticked (positions in the preview's `toAdd`), all or
   * nothing; duplicates are checked again against the vault.
   */
  'import:confirm': {
    args: z.tuple([Token.describe('token'), z.array(z.number().int().min(0).max(MAX_IMPORT_ENTRIES)).max(MAX_IMPORT_ENTRIES).describe('selected')]),
    result: ImportDoneSchema,
  },
  /** Forgets the pending import (the dialog was closed). */
  'import:cancel': { args: z.tuple([]), result: z.null() },
  /** Encrypted Aegis backup of every account, to the file chosen in the save dialog. */
  'export:aegis': { args: z.tuple([Password.describe('vaultPassword'), Password.describe('exportPassword')]), result: ExportOutcomeSchema },
  /** Plain otpauth list: the vault password, then main's native warning dialog, then the save dialog. */
  'export:uris': { args: z.tuple([Password.describe('vaultPassword')]), result: ExportOutcomeSchema },
  /**
   * Deliberate secret crossing: the QR code (PNG data: URL) of one account encodes its secret.
   * Only after the vault password is verified again.
   */
  'export:account-qr': {
    args: z.tuple([z.uuid().describe('accountId'), Password.describe('vaultPassword')]),
    result: z.object({ dataUrl: z.string().startsWith('data:image/png;base64,') }),
  },
} as const satisfies ChannelMap;
