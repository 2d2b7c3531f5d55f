import { ValidationError } from '@nestjs/common';
import { DomainError } from '@sow/domain';
import { createValidationPipe, flattenValidationErrors } from './validation';
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
