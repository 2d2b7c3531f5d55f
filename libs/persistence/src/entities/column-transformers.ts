import { ValueTransformer } from 'typeorm';

/** pg returns numeric columns as strings; hours and ratios are plain numbers in the domain. */
export const NUMERIC_AS_NUMBER: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
