import { UnrecoverableError } from 'bullmq';
import { DomainError } from '@sow/domain';

/** Codes that no retry can fix: the job fails at once instead of burning its attempts. */
const PERMANENT_CODES = new Set<DomainError['code']>(['validation_failed', 'not_found', 'rule_violation', 'illegal_transition', 'forbidden']);

/** Maps an error from a handler to BullMQ's retry semantics. */
export function toJobError(error: unknown): Error {
  if (error instanceof DomainError && PERMANENT_CODES.has(error.code)) {
    return new UnrecoverableError(`${error.code}: ${error.message}`);
  }
  return error instanceof Error ? error : new Error(String(error));
}
