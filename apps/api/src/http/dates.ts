import { applyDecorators } from '@nestjs/common';
import { ValidateBy, ValidationArguments } from 'class-validator';
import { DATE_BOUNDS, isIsoDate, toDayNumber } from '@sow/domain';

const SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar date YYYY-MM-DD inside DATE_BOUNDS (2000-01-01..2100-12-31). Dates from year 1 to 9999
 * used to pass, and one such SOW made the planner iterate every month of it.
 */
export function IsBoundedDate(): PropertyDecorator {
  return ValidateBy({
    name: 'isDateInRange',
    validator: {
      // The shape (string, YYYY-MM-DD) is the field's own format rule; this one adds a real day in bounds.
      validate: (value: unknown) => typeof value !== 'string' || !SHAPE.test(value) || (isIsoDate(value) && value >= DATE_BOUNDS.min && value <= DATE_BOUNDS.max),
      defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'date'} must be a calendar date YYYY-MM-DD from ${DATE_BOUNDS.min} to ${DATE_BOUNDS.max}`,
    },
  });
}

/**
 * On the end field of a range: at most `maxDays` after the start field of the same object, when both
 * are valid dates (the order itself is the service's rule). Names the end field and the limit.
 */
export function SpanAtMost(startProperty: string, maxDays: number, limit: string): PropertyDecorator {
  return applyDecorators(
    ValidateBy({
      name: 'maxSpan',
      constraints: [startProperty, maxDays],
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const start = (args?.object as Record<string, unknown> | undefined)?.[startProperty];
          if (!isIsoDate(value) || !isIsoDate(start)) return true;
          return toDayNumber(value) - toDayNumber(start) <= maxDays;
        },
        defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'end'} must be at most ${limit} (${maxDays} days) after ${startProperty}`,
      },
    }),
  );
}
