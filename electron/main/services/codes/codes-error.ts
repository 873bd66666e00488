import { DomainError } from '../../../../shared/domain-error';

export type CodesErrorCode = 'next-code-unavailable' | 'next-code-off';

/** A refused code request; the message says why and what to do. */
export class CodesError extends DomainError<CodesErrorCode> {
  override readonly name = 'CodesError';
  readonly field = 'id';
}
