import { DOMAIN_ERROR_CODES, DomainError, isDomainError, throwIfInvalid } from './domain-error';

describe('DomainError', () => {
  it.each(DOMAIN_ERROR_CODES.map((code) => [code]))('carries code %s and survives instanceof', (code) => {
    const error = new DomainError(code, 'boom');
    expect(error).toBeInstanceOf(Error);
    expect(isDomainError(error)).toBe(true);
    expect(error.code).toBe(code);
    expect(error.message).toBe('boom');
    expect(error.details).toBeUndefined();
  });

  it('keeps non-empty details and drops empty ones', () => {
    expect(new DomainError('validation_failed', 'x', []).details).toBeUndefined();
    const details = [{ field: 'name', rule: 'isDefined', message: 'name is required' }];
    expect(new DomainError('validation_failed', 'x', details).details).toEqual(details);
  });

  it('throwIfInvalid throws only when there are details', () => {
    expect(() => throwIfInvalid([])).not.toThrow();
    expect(() => throwIfInvalid([{ rule: 'r', message: 'm' }])).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    expect(isDomainError(new Error('plain'))).toBe(false);
  });
});
