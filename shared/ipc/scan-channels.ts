import { z } from 'zod';
import { AccountViewSchema, HashAlgorithmSchema, OtpTypeSchema } from '../otp/account';
import type { PendingCandidate, ScanReview } from '../scan/scan-review';
import type { ChannelMap, EventMap } from './channel-types';

/**
 * IPC for adding accounts by scanning (issue #4). Every scan answers with a review to confirm:
 * the accounts found (never their secrets: those stay in the main process, keyed by `key`),
 * notices for codes that gave nothing to add, and the progress of a multi-page Google export.
 * `scan:confirm` adds the accounts the user picked.
 */

const MAX_IMAGE_BYTES = 64 * 1024 * 1024;

export const ScanCandidateViewSchema = z.object({
  key: z.string(),
  issuer: z.string(),
  name: z.string(),
  type: OtpTypeSchema,
  algorithm: HashAlgorithmSchema,
  digits: z.number().int(),
  period: z.number().int().nullable(),
  counter: z.number().int().nullable(),
  /** The vault already holds this account: shown flagged and unticked. */
  duplicate: z.boolean(),
  source: z.string(),
});
export type ScanCandidateView = z.infer<typeof ScanCandidateViewSchema>;

export const ScanNoticeSchema = z.object({
  kind: z.enum(['no-code', 'not-authenticator', 'invalid-code', 'unsupported-account', 'migration-page', 'migration-complete']),
  message: z.string(),
  scheme: z.string().nullable().optional(),
  source: z.string().optional(),
});

export const MigrationProgressViewSchema = z.object({
  size: z.number().int(),
  scanned: z.array(z.number().int()),
  missing: z.array(z.number().int()),
  complete: z.boolean(),
  /** "2 of 3 scanned" */
  message: z.string(),
  /** "page 3 of 3 is missing" */
  missingMessage: z.string().nullable(),
});

export const ScanReviewViewSchema = z.object({
  codesFound: z.number().int(),
  candidates: z.array(ScanCandidateViewSchema),
  notices: z.array(ScanNoticeSchema),
  migration: MigrationProgressViewSchema.nullable(),
});
export type ScanReviewView = z.infer<typeof ScanReviewViewSchema>;

export const ScanOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('done'), review: ScanReviewViewSchema }),
  /** The user closed the file dialog or the Wayland screen picker: not an error. */
  z.object({ status: z.literal('cancelled'), message: z.string() }),
]);
export type ScanOutcome = z.infer<typeof ScanOutcomeSchema>;

/** The renderer's copy of a candidate: everything but the secret. */
export function toCandidateView(candidate: PendingCandidate): ScanCandidateView {
  const { otp } = candidate.draft;
  return {
    key: candidate.key,
    issuer: candidate.draft.issuer,
    name: candidate.draft.name,
    type: otp.type,
    algorithm: otp.algorithm,
    digits: otp.digits,
    period: otp.type === 'hotp' ? null : otp.period,
    counter: otp.type === 'hotp' ? otp.counter : null,
    duplicate: candidate.duplicate,
    source: candidate.source,
  };
}

export function toReviewView(review: ScanReview): ScanReviewView {
  const m = review.migration;
  return {
    codesFound: review.codesFound,
    candidates: review.candidates.map(toCandidateView),
    notices: review.notices.map((n) => ({ ...n })),
    migration: m && { size: m.size, scanned: m.scanned, missing: m.missing, complete: m.complete, message: m.message, missingMessage: m.missingMessage },
  };
}

export const scanChannels = {
  /** Captures every display at native resolution and decodes every code on it. */
  'scan:screen': { args: z.tuple([]), result: ScanOutcomeSchema },
  /** Shows the open-file dialog (PNG, JPEG, WebP, BMP, GIF) and scans the chosen image. */
  'scan:open-file': { args: z.tuple([]), result: ScanOutcomeSchema },
  /** Scans an image dropped on the window (its bytes; the name is only shown). */
  'scan:image': {
    args: z.tuple([
      z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_IMAGE_BYTES, 'the image is larger than 64 MB').describe('bytes'),
      z.string().max(260).describe('name'),
    ]),
    result: ScanOutcomeSchema,
  },
  /** Scans the clipboard's image, or its text when that is an otpauth link. */
  'scan:clipboard': { args: z.tuple([]), result: ScanOutcomeSchema },
  /**
   * Key material: payloads the renderer's camera decoder read (otpauth URIs carry secrets). They
   * are classified in main; only the secret-free review comes back.
   */
  'scan:payloads': { args: z.tuple([z.array(z.string().max(8192)).min(1).max(32).describe('payloads')]), result: ScanOutcomeSchema },
  /** Adds the picked candidates of the last review; returns the accounts added. */
  'scan:confirm': { args: z.tuple([z.array(z.string().max(64)).max(10_000).describe('keys')]), result: z.array(AccountViewSchema) },
  /** Link reviews still waiting for the user, for a window that opens after 'scan:review-ready' was sent. */
  'scan:link-reviews': { args: z.tuple([]), result: z.array(ScanReviewViewSchema) },
  /**
   * Forgets the pending candidates and any partly scanned export (the dialog was closed), and
   * the candidates of the link review it showed, named by their keys (other queued link reviews stay).
   */
  'scan:discard': { args: z.tuple([z.array(z.string().max(64)).max(10_000).optional().describe('linkKeys')]), result: z.null() },
} as const satisfies ChannelMap;

export const scanEvents = {
  /**
   * An otpauth:// link was opened with Twofold (while unlocked, or queued until the unlock): its
   * review, secret-free like every review, waiting for the user to confirm or discard it in the
   * codes window. Its keys are confirmed with 'scan:confirm' and dropped with 'scan:discard'.
   */
  'scan:review-ready': ScanReviewViewSchema,
} as const satisfies EventMap;
