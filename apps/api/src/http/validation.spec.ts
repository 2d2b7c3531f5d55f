import { ValidationError } from '@nestjs/common';
import { DomainError } from '@sow/domain';
import { createValidationPipe, flattenValidationErrors, WellFormedTextPipe } from './validation';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';

class Child {
  @IsInt()
  @Min(1)
  hours: number;
}
class Parent {
  @IsString()
  name: string;

  @ValidateNested({ each: true })
  @Type(() => Child)
  items: Child[];
}

describe('validation', () => {
  it('flattens nested errors into dotted paths and renames the whitelist rule', () => {
    const errors: ValidationError[] = [
      { property: 'extra', constraints: { whitelistValidation: 'property extra should not exist' }, children: [] },
      { property: 'items', children: [{ property: '0', children: [{ property: 'hours', constraints: { min: 'hours must not be less than 1' } }] }] },
    ];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'extra', rule: 'unknownField', message: 'extra is not an accepted field' },
      { field: 'items.0.hours', rule: 'min', message: 'hours must not be less than 1' },
    ]);
  });

  it('turns a bad body into a validation_failed DomainError naming every field', async () => {
    const pipe = createValidationPipe();
    const run = pipe.transform({ name: 5, items: [{ hours: 0 }], isAdmin: true }, { type: 'body', metatype: Parent });
    await expect(run).rejects.toBeInstanceOf(DomainError);
    const error = (await run.catch((e: unknown) => e)) as DomainError;
    expect(error.code).toBe('validation_failed');
    expect(error.details?.map((d) => `${d.field}:${d.rule}`).sort()).toEqual(['isAdmin:unknownField', 'items.0.hours:min', 'name:isString']);
  });
});

describe('WellFormedTextPipe', () => {
  const pipe = new WellFormedTextPipe();
  const fieldsOf = (value: unknown, type: 'body' | 'query' | 'param', data?: string): string[] => {
    try {
      pipe.transform(value, { type, data });
      return [];
    } catch (e) {
      return ((e as DomainError).details ?? []).map((d) => `${d.field}:${d.rule}`);
    }
  };

  it('names each field holding a NUL or a lone surrogate, nested ones by dotted path', () => {
    expect(fieldsOf({ name: 'a\u0000b', items: [{ title: 'ok' }, { title: '\ud800' }] }, 'body')).toEqual(['name:noNulCharacter', 'items.1.title:wellFormedUnicode']);
    expect(fieldsOf('x\udfff', 'param', 'key')).toEqual(['key:wellFormedUnicode']);
    expect(fieldsOf({ ['k\u0000']: 1 }, 'query')).toEqual(['k\u0000:noNulCharacter']);
  });

  it('lets well-formed text through, emoji and all', () => {
    expect(fieldsOf({ name: 'Zoë 💥 𝕿', tags: ['Ω', ''] }, 'body')).toEqual([]);
  });
});

describe('flattenValidationErrors with an empty key', () => {
  it('names the empty key visibly', async () => {
    class Target {
      @IsString() name: string;
    }
    const error = (await createValidationPipe()
      .transform({ name: 'x', '': 1 }, { type: 'body', metatype: Target })
      .catch((e: unknown) => e)) as DomainError;
    expect(error.details?.map((d) => `${d.field}:${d.rule}`)).toEqual(['"":unknownField']);
  });
});
