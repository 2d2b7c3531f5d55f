import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, DomainErrorDetail } from '@sow/domain';

/** Flattens class-validator errors (nested objects and arrays) into dotted field paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): DomainErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: DomainErrorDetail[] = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule: rule === 'whitelistValidation' ? 'unknownField' : rule,
      message: rule === 'whitelistValidation' ? `${field} is not an accepted field` : message,
    }));
    return own.concat(flattenValidationErrors(error.children ?? [], field));
  });
}

/** The one validation pipe: unknown fields are rejected, payloads are transformed to DTO instances. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      const fields = [...new Set(details.map((d) => d.field))].join(', ');
      return new DomainError('validation_failed', `Invalid request: ${fields}`, details);
    },
  });
}
