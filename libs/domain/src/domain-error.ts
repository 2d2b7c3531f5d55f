/**
 * Framework-free error thrown by domain code and services. The HTTP layer maps `code` to a status
 * (validation_failed 400, not_found 404, forbidden 403, version_conflict 409, illegal_transition 409,
 * rule_violation 422, conflict 409, unauthenticated 401, rate_limited 429, payload_too_large 413).
 */
export const DOMAIN_ERROR_CODES = [
  'validation_failed',
  'not_found',
  'forbidden',
  'version_conflict',
  'illegal_transition',
  'rule_violation',
  'conflict',
  'unauthenticated',
  'rate_limited',
  'payload_too_large',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export interface DomainErrorDetail {
  field?: string;
  rule: string;
  message: string;
}

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly details?: readonly DomainErrorDetail[];

  constructor(code: DomainErrorCode, message: string, details?: readonly DomainErrorDetail[]) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    if (details !== undefined && details.length > 0) this.details = details;
    // Keeps `instanceof` working when compiled to ES5-style classes.
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

/** Throws `validation_failed` listing every detail, or returns when there are none. */
export function throwIfInvalid(details: readonly DomainErrorDetail[], message = 'Validation failed'): void {
  if (details.length > 0) throw new DomainError('validation_failed', message, details);
}
