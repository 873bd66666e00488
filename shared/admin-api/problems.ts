import { z } from 'zod';

/**
 * Problem codes of the admin API: the stable, machine-readable part of every error.
 * Errors travel as RFC 9457 `application/problem+json` (`type`, `title`, `status`, `detail`)
 * plus our `code` extension; clients switch on `code`, never on `title` or `detail`.
 *
 * @see RFC 9457 §3 (members of a problem details object), §3.2 (extension members)
 */
export const PROBLEMS = {
  'validation-failed': { status: 400, title: 'The request is not valid' },
  'mfa-code-required': { status: 400, title: 'A current authenticator code is required' },
  'password-too-weak': { status: 400, title: 'Choose a stronger password' },
  unauthenticated: { status: 401, title: 'Sign in first' },
  'invalid-credentials': { status: 401, title: 'Wrong username or password' },
  'challenge-invalid': { status: 401, title: 'The sign-in ticket is not valid' },
  'challenge-expired': { status: 401, title: 'The sign-in ticket has expired' },
  'challenge-used': { status: 401, title: 'The sign-in ticket was already used' },
  forbidden: { status: 403, title: 'You are not allowed to do this' },
  'mfa-code-invalid': { status: 403, title: 'The authenticator code is wrong' },
  'mfa-code-replayed': { status: 403, title: 'This authenticator code was already used' },
  'recovery-code-invalid': { status: 403, title: 'The recovery code is wrong' },
  'recovery-code-used': { status: 403, title: 'This recovery code was already used' },
  'not-found': { status: 404, title: 'Not found' },
  'mfa-required-by-policy': { status: 409, title: 'The MFA policy requires two-step sign-in' },
  'policy-caller-not-enrolled': { status: 409, title: 'Enroll your own authenticator first' },
  'policy-no-enrolled-server-admin': { status: 409, title: 'No Server Admin is enrolled' },
  'cannot-reset-own-mfa': { status: 409, title: 'You cannot reset your own MFA here' },
  'last-enrolled-server-admin': { status: 409, title: 'This is the last enrolled Server Admin' },
  'last-server-admin': { status: 409, title: 'This is the last Server Admin' },
  'cannot-delete-self': { status: 409, title: 'You cannot delete your own account' },
  'mfa-already-enrolled': { status: 409, title: 'MFA is already enrolled' },
  'mfa-not-enrolled': { status: 409, title: 'MFA is not enrolled' },
  'enrollment-not-pending': { status: 409, title: 'No enrollment is pending' },
  'username-taken': { status: 409, title: 'This username is taken' },
  'precondition-failed': { status: 412, title: 'The resource changed since you read it' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'unsupported-media-type': { status: 415, title: 'Send the body as application/json' },
  'misdirected-request': { status: 421, title: 'This server does not answer for that host name' },
  'precondition-required': { status: 428, title: 'Send If-Match with the ETag you read' },
  'too-many-attempts': { status: 429, title: 'Too many wrong authenticator codes' },
  'too-many-password-attempts': { status: 429, title: 'Too many wrong passwords' },
  'internal-error': { status: 500, title: 'The server failed to handle the request' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEMS;
export const PROBLEM_CODES = Object.keys(PROBLEMS) as ProblemCode[];
export const ProblemCodeSchema = z.enum(PROBLEM_CODES as [ProblemCode, ...ProblemCode[]]);

/** The `type` URI of a problem: a stable, dereferenceable-in-principle identifier per code. */
export const problemType = (code: ProblemCode): string => `urn:twofold:problem:${code}`;

export const ProblemFieldErrorSchema = z.object({
  location: z.enum(['body', 'query', 'params', 'headers']),
  field: z.string().describe('Dotted path of the offending field, e.g. "username" or "items.0.id"'),
  message: z.string(),
});
export type ProblemFieldError = z.infer<typeof ProblemFieldErrorSchema>;

export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: ProblemCodeSchema,
  /** The first offending field, for validation problems. */
  field: z.string().optional(),
  errors: z.array(ProblemFieldErrorSchema).optional(),
  /**
   * For `too-many-attempts` (codes) and `too-many-password-attempts`: when checks open again;
   * null = until an administrator resets (codes) or unlocks (either) the account.
   */
  lockedUntil: z.string().nullable().optional(),
  /** For `challenge-*` and `too-many-attempts`: the client should start sign-in again. */
  restartLogin: z.boolean().optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Parses an unknown error body; null when it is not one of our problems. */
export function parseProblem(body: unknown): Problem | null {
  const parsed = ProblemSchema.safeParse(body);
  return parsed.success ? parsed.data : null;
}
