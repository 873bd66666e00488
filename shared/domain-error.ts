/**
 * The base of the domain's typed errors: a stable, machine-readable `code` (kebab-case, part of
 * the contract) and a message for people that says what went wrong and what to do next. The IPC
 * dispatcher and the CLI pass such errors through as `{ code, message, field? }`.
 */
export class DomainError<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
  ) {
    super(message);
  }
}
