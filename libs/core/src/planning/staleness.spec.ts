import { changedSinceSnapshot, recordSnapshotVersions, snapshotIds } from './staleness';

describe('staleness', () => {
  const read = {
    engineers: new Map([
      ['e1', { fingerprint: '3/0:/1:t1' }],
      ['e2', { fingerprint: '1/0:/0:' }],
    ]),
    items: new Map([['i1', { fingerprint: '2/1:t1' }]]),
    assignments: new Map([['a1', { version: 4 }]]),
  };

  it('records what every move touches: both engineers, the item, and the assignment it releases', () => {
    const versions = recordSnapshotVersions([{ itemId: 'i1', fromEngineerId: 'e1', toEngineerId: 'e2', fromAssignmentId: 'a1' }], read);
    expect(versions).toEqual({ engineers: { e1: '3/0:/1:t1', e2: '1/0:/0:' }, scopeItems: { i1: '2/1:t1' }, assignments: { a1: 4 } });
    expect(snapshotIds(versions)).toEqual({ engineers: ['e1', 'e2'], scopeItems: ['i1'], assignments: ['a1'] });
  });

  it('names each row that changed or went away, and nothing when all agree', () => {
    const was = { engineers: { e1: '3/0:/1:t1' }, scopeItems: { i1: '2/1:t1' }, assignments: { a1: 4, a2: 1 } };
    expect(changedSinceSnapshot(was, was)).toEqual([]);
    expect(changedSinceSnapshot(was, { engineers: { e1: '3/1:t2/1:t1' }, scopeItems: { i1: '2/1:t1' }, assignments: { a1: 5 } })).toEqual(['engineer e1', 'assignment a1', 'assignment a2']);
  });
});
