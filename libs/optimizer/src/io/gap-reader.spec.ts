import { gapProfitOffset, gapToModel, GapFormatError, readGap } from './gap-reader';

// 2 agents, 3 jobs; wrapped arbitrarily as in the OR-Library files.
const SMALL = `2 3
 1 2 3
 4 5 6
2 2 2 1
1 1
3 3
`;

describe('readGap', () => {
  it('reads the token stream regardless of line breaks', () => {
    const g = readGap(SMALL);
    expect(g).toEqual({ m: 2, n: 3, cost: [[1, 2, 3], [4, 5, 6]], resource: [[2, 2, 2], [1, 1, 1]], capacity: [3, 3] });
  });

  it('names the line of a non-integer token', () => {
    const bad = SMALL.replace('2 2 2 1', '2 2 x 1');
    expect(() => readGap(bad)).toThrow(GapFormatError);
    expect(() => readGap(bad)).toThrow('GAP format error at line 4: resource[1][3]: "x" is not an integer');
  });

  it('rejects a truncated file and trailing tokens with the line number', () => {
    expect(() => readGap('2 3\n1 2 3\n4 5')).toThrow(/line 3: unexpected end of file while reading cost\[2\]\[3\]/);
    expect(() => readGap(`${SMALL}9\n`)).toThrow(/line 7: expected exactly 16 numbers for m=2 n=3, found 17/);
    expect(() => readGap('0 3')).toThrow(/m and n must be >= 1/);
  });

  it('converts to a one-period model with agent-dependent load and must-assign jobs', () => {
    const m = gapToModel(readGap(SMALL));
    expect(m.periods).toBe(1);
    expect(m.pairs).toHaveLength(6);
    expect(m.pairs[3]).toEqual({ agent: 'a1', task: 'j0', cost: 4, load: { 0: 1 } });
    expect(m.tasks.every((t) => t.mustAssign === true && t.unassignedPrice > 6 + 5 + 4)).toBe(true);
    const max = gapToModel(readGap(SMALL), 'max');
    expect(max.pairs.map((p) => p.cost)).toEqual([3, 3, 3, 0, 0, 0]);
    expect(gapProfitOffset(readGap(SMALL))).toBe(15);
  });
});
