import { DomainError } from './domain-error';
import { assertVersion } from './versioning';

describe('assertVersion', () => {
  it('passes when no version was sent or it matches', () => {
    expect(() => assertVersion('SOW', 3, undefined)).not.toThrow();
    expect(() => assertVersion('SOW', 3, 3)).not.toThrow();
  });

  it('throws version_conflict naming the current version', () => {
    try {
      assertVersion('SOW', 4, 3);
      throw new Error('expected a conflict');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('version_conflict');
      expect((e as DomainError).details).toEqual([{ field: 'version', rule: 'matchesCurrent', message: 'current version is 4' }]);
    }
  });
});
