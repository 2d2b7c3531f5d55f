import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { DomainError } from '@sow/domain';

/** A UUID path parameter; a malformed one is a 400 naming the parameter. The document types it `format: uuid`. */
export const UuidParam =
  (name = 'id'): ParameterDecorator =>
  (target, propertyKey, index) => {
    Param(
      name,
      new ParseUUIDPipe({
        exceptionFactory: () =>
          new DomainError('validation_failed', `${name} must be a UUID`, [{ field: name, rule: 'isUuid', message: `${name} must be a UUID` }]),
      }),
    )(target, propertyKey, index);
    const descriptor = propertyKey === undefined ? undefined : Object.getOwnPropertyDescriptor(target, propertyKey);
    if (propertyKey !== undefined && descriptor) ApiParam({ name, type: 'string', format: 'uuid' })(target, propertyKey, descriptor);
  };
