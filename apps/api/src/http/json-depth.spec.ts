import { jsonDepth, MAX_JSON_DEPTH, refuseDeepJson } from './json-depth';

const depthOf = (text: string) => jsonDepth(Buffer.from(text));

describe('jsonDepth', () => {
  it.each([
    ['1', 0],
    ['{}', 1],
    ['{"a":[1,{"b":2}]}', 3],
    ['{"a":"[[[[{{{{"}', 1],
    ['{"a":"\\"[[[["}', 1],
    ['[[],[[]],[]]', 3],
  ])('%s is %i deep', (text, depth) => {
    expect(depthOf(text)).toBe(depth);
  });

  it('refuses bodies deeper than the limit with a 400, and lets the limit through', () => {
    const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);
    expect(() => refuseDeepJson(undefined, undefined, Buffer.from(nested(MAX_JSON_DEPTH)))).not.toThrow();
    expect(() => refuseDeepJson(undefined, undefined, Buffer.from(nested(MAX_JSON_DEPTH + 1)))).toThrow(expect.objectContaining({ status: 400, type: 'entity.too.deep' }));
  });
});
