import { ArgumentMetadata, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, DomainErrorDetail } from '@sow/domain';

/** Flattens class-validator errors (nested objects and arrays) into dotted field paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): DomainErrorDetail[] {
  return errors.flatMap((error) => {
    // A body may use the empty string as a key; name it visibly rather than as an empty field.
    const property = error.property === '' ? '""' : error.property;
    const field = parent ? `${parent}.${property}` : property;
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

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Fields (dotted paths) holding text PostgreSQL cannot store or the validators choke on: NUL or a lone surrogate. */
export function findIllFormedText(value: unknown, path = ''): DomainErrorDetail[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return [{ field: path || 'value', rule: 'noNulCharacter', message: `${path || 'value'} must not contain the NUL character` }];
    if (LONE_SURROGATE.test(value)) return [{ field: path || 'value', rule: 'wellFormedUnicode', message: `${path || 'value'} must be well-formed Unicode` }];
    return [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => findIllFormedText(v, path ? `${path}.${i}` : String(i)));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => {
      const field = path ? `${path}.${k}` : k;
      return [...findIllFormedText(k, field).map((d) => ({ ...d, message: `the name of ${d.message}` })), ...findIllFormedText(v, field)];
    });
  }
  return [];
}

/**
 * Runs before the validation pipe on bodies, queries and path parameters: text with a NUL or a lone
 * surrogate is a 400 naming the field. PostgreSQL refuses such text mid-transaction, and validator.js
 * throws on lone surrogates, so without this they surfaced as 500s.
 */
@Injectable()
export class WellFormedTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const root = metadata.type === 'body' ? (typeof value === 'string' ? 'body' : '') : (metadata.data ?? '');
    const details = findIllFormedText(value, root);
    if (details.length > 0) throw new DomainError('validation_failed', `Invalid request: ${[...new Set(details.map((d) => d.field))].join(', ')}`, details);
    return value;
  }
}
