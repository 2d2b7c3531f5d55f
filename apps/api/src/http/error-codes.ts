import { HttpStatus } from '@nestjs/common';
import { DomainErrorCode } from '@sow/domain';

/** The one map from domain error codes to HTTP statuses; exhaustive by type. */
export const STATUS_OF_CODE: { readonly [C in DomainErrorCode]: HttpStatus } = {
  validation_failed: HttpStatus.BAD_REQUEST,
  not_found: HttpStatus.NOT_FOUND,
  forbidden: HttpStatus.FORBIDDEN,
  version_conflict: HttpStatus.CONFLICT,
  illegal_transition: HttpStatus.CONFLICT,
  rule_violation: HttpStatus.UNPROCESSABLE_ENTITY,
  conflict: HttpStatus.CONFLICT,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
  payload_too_large: HttpStatus.PAYLOAD_TOO_LARGE,
};

/** Codes for errors raised by the framework rather than by our services. */
export const CODE_OF_STATUS: Readonly<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'rule_violation',
  428: 'precondition_required',
  429: 'rate_limited',
  503: 'unavailable',
};
