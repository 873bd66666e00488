import { z } from 'zod';
import { AccountViewSchema, HashAlgorithmSchema, MAX_ICON_FILE_BYTES, MAX_LABEL_LENGTH, OtpTypeSchema } from '../otp/account';
import { TagSchema, TagsSchema } from '../otp/tags';
import type { ChannelMap, EventMap } from './channel-types';

const Id = z.string().min(1).max(64);
const Label = z.string().max(MAX_LABEL_LENGTH);

/**
 * An account as typed into the "Add account" form. The main process normalizes the key and
 * checks every parameter (errors name the form field: issuer, name, secret, digits, period,
 * counter).
 *
 * Key material: `secret` is the shared secret the user is adding. This is one of the only two
 * ways a secret enters the main process from the renderer; it never travels back.
 *
 * DESIGN (secrets in memory, issue #12 item 7): here the secret is a JavaScript string, in the
 * renderer (the form field) and again in main (the IPC copy, then this schema's parse). Strings
 * are immutable, may be copied by the engine, and are freed only by the garbage collector, so no
 * lock can zero them. Main turns it into bytes the vault owns at once (SecretStore.holdOtp), keeps
 * no reference to the string, and never logs it.
 */
export const TypedAccountSchema = z
  .object({
    issuer: Label,
    name: Label,
    secret: z.string().max(1024),
    type: OtpTypeSchema.default('totp'),
    algorithm: HashAlgorithmSchema.default('SHA1'),
    digits: z.number().int().default(6),
    period: z.number().int().default(30),
    counter: z.number().int().default(0),
    tags: TagsSchema.default([]),
    favourite: z.boolean().default(false),
    note: z.string().max(4096).default(''),
  })
  .strict();
export type TypedAccount = z.output<typeof TypedAccountSchema>;
export type TypedAccountInput = z.input<typeof TypedAccountSchema>;

/** The fields of an account the user can edit after adding it (never the secret). */
export const AccountPatchSchema = z
  .object({
    issuer: Label,
    name: Label,
    tags: TagsSchema,
    favourite: z.boolean(),
    note: z.string().max(4096),
  })
  .partial()
  .strict();
export type AccountPatchInput = z.infer<typeof AccountPatchSchema>;

export const accountsChannels = {
  'accounts:list': { args: z.tuple([]), result: z.array(AccountViewSchema) },
  'accounts:add': { args: z.tuple([TypedAccountSchema.describe('account')]), result: AccountViewSchema },
  /** Key material: the URI carries the secret; it is parsed in main and never echoed back. */
  'accounts:add-uri': { args: z.tuple([z.string().max(65_536).describe('uri')]), result: AccountViewSchema },
  'accounts:update': { args: z.tuple([Id.describe('id'), AccountPatchSchema.describe('patch')]), result: AccountViewSchema },
  /** Moves the account to the trash (see trash-channels.ts); `trash:restore` undoes it. */
  'accounts:remove': { args: z.tuple([Id.describe('id')]), result: z.null() },
  /**
   * Sets the account's custom image from a picture file's bytes (decoded, checked and re-encoded
   * as a 64×64 PNG in main; a huge or non-image file is refused with a message), or removes it (null).
   */
  'accounts:set-icon': {
    args: z.tuple([
      Id.describe('id'),
      z
        .instanceof(Uint8Array)
        .refine((b) => b.byteLength <= MAX_ICON_FILE_BYTES, 'the image is larger than 5 MB; choose a smaller picture')
        .nullable()
        .describe('bytes'),
    ]),
    result: AccountViewSchema,
  },
  /**
   * Renames a tag on every account (merging where the new name exists) in one vault save; returns
   * how many accounts changed. `from` is matched against the stored tags, not judged (it may be an
   * old group today's rules refuse); `to` must pass every tag rule.
   */
  'accounts:rename-tag': { args: z.tuple([Label.min(1).describe('tag'), TagSchema.describe('name')]), result: z.number().int().nonnegative() },
  /** Removes a tag from every account (the accounts stay) in one vault save; returns how many changed. */
  'accounts:delete-tag': { args: z.tuple([Label.min(1).describe('tag')]), result: z.number().int().nonnegative() },
  'accounts:reorder': { args: z.tuple([z.array(Id).max(10_000).describe('ids')]), result: z.null() },
} as const satisfies ChannelMap;

export const accountsEvents = {
  /** Accounts were added, changed, removed or reordered (or the vault locked): reload the list. */
  'accounts:changed': z.null(),
} as const satisfies EventMap;
