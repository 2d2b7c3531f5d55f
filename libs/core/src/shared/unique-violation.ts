import { QueryFailedError } from 'typeorm';
import { DomainError } from '@sow/domain';

/** Turns a unique-constraint race (two creates of one email) into the same 409 the pre-check gives. */
export function rethrowUniqueViolation(error: unknown, field: string, message: string): never {
  const code = error instanceof QueryFailedError ? (error.driverError as { code?: string } | undefined)?.code : undefined;
  if (code === '23505') throw new DomainError('conflict', message, [{ field, rule: 'unique', message }]);
  throw error;
}
