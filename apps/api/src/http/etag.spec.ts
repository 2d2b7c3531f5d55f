import { DomainError } from '@sow/domain';
import { expectedVersion, formatEtag, parseIfMatch } from './etag';

describe('etag', () => {
  it.each([
    ['"3"', 3],
    ['W/"12"', 12],
    ['7', 7],
    ['*', undefined],
    [undefined, undefined],
    ['', undefined],
  ])('parses If-Match %p as %p', (header, expected) => {
    expect(parseIfMatch(header)).toBe(expected);
  });

  it('rejects a malformed If-Match with a 400 naming the header', () => {
    expect(() => parseIfMatch('"abc"')).toThrow(DomainError);
    try {
      parseIfMatch('nope');
    } catch (e) {
      expect((e as DomainError).details?.[0].field).toBe('If-Match');
    }
  });

  it('takes the header or the body version, and refuses when they disagree', () => {
    expect(expectedVersion(2, undefined)).toBe(2);
    expect(expectedVersion(undefined, 4)).toBe(4);
    expect(expectedVersion(5, 5)).toBe(5);
    expect(() => expectedVersion(1, 2)).toThrow(DomainError);
  });

  it('formats a version as a strong ETag', () => {
    expect(formatEtag(9)).toBe('"9"');
  });
});
