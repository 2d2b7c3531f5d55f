import { DomainError } from './domain-error';

/**
 * Optimistic concurrency: a writer that names the version it read is refused when the row moved on.
 * Callers hold the row lock while checking, so check-then-write is atomic.
 */
export function assertVersion(entity: string, current: number, expected: number | undefined): void {
  if (expected === undefined || expected === current) return;
  throw new DomainError('version_conflict', `The ${entity} was changed by someone else (version ${current}, you sent ${expected}); reload and retry`, [
    { field: 'version', rule: 'matchesCurrent', message: `current version is ${current}` },
  ]);
}
