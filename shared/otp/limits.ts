/**
 * Limits of an account's text fields, in their own module so parsing an otpauth URI (the CLI's
 * `twofold code`) does not load the zod schemas of account.ts.
 */
export const MAX_LABEL_LENGTH = 256;
