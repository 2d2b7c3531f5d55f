import { Param, ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '@sow/domain';

/** A UUID path parameter; a malformed one is a 400 naming the parameter. */
export const UuidParam = (name = 'id'): ParameterDecorator =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        new DomainError('validation_failed', `${name} must be a UUID`, [{ field: name, rule: 'isUuid', message: `${name} must be a UUID` }]),
    }),
  );
