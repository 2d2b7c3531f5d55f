import { applyDecorators } from '@nestjs/common';
import { IsOptional, ValidateBy, ValidateIf, ValidationArguments } from 'class-validator';

/**
 * Every optional request field says whether null is accepted. class-validator's IsOptional lets
 * null through to the service, where a non-nullable column turned it into a 500; so DTOs use these
 * two instead (lint forbids IsOptional elsewhere).
 */

/** The field may be left out; null is refused with a 400 naming the field (rule `notNull`). */
export function OptionalNonNull(): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_object: object, value: unknown) => value !== undefined),
    ValidateBy({
      name: 'notNull',
      validator: {
        validate: (value: unknown) => value !== null,
        defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'value'} must not be null; leave the field out to keep its value`,
      },
    }),
  );
}

/** The field may be left out or sent as null (null clears the value). */
export function OptionalNullable(): PropertyDecorator {
  return IsOptional();
}
