import { SnapshotAssignment, SnapshotEngineer, SnapshotItem } from '@sow/persistence';
import { applyScenario, PlanningRows, pipelineItemId, readWindow } from './scenario-overlay';
import { parseScenarioChange, StoredScenarioChange } from './scenario-changes';
import { DomainError } from '@sow/domain';

const E1 = '00000000-0000-4000-8000-000000000001';
const E2 = '00000000-0000-4000-8000-000000000002';
const SOW = '00000000-0000-4000-8000-0000000000a1';
const I1 = '00000000-0000-4000-8000-0000000000b1';
const I2 = '00000000-0000-4000-8000-0000000000b2';
const CUSTOMER = '00000000-0000-4000-8000-0000000000c1';
const horizon = { start: '2027-01-04', end: '2027-03-26' };

function engineer(id: string): SnapshotEngineer {
  return {
    id, name: id, level: 'intermediate', leadCapable: false, region: 'emea', timezone: 'UTC', weeklyCapacityHours: 40, utilizationTarget: 0.7,
    maxUtilization: 1, travelLimit: 0.2, clearance: null, billable: true, active: true, skills: [{ key: 'terraform', proficiency: 'exposure' }],
    country: null, subdivision: null, timeOff: [], fingerprint: `f-${id}`,
  };
}
function item(id: string, start: string, end: string): SnapshotItem {
  return {
    id, sowId: SOW, sowTitle: 'S', customerId: CUSTOMER, customerName: 'C', customerRegion: 'emea', title: id, start, end, estimatedHours: 80,
    minLevel: 'intermediate', requiredSkills: [{ key: 'terraform', minProficiency: 'experience' }], onsiteDays: 0, maxTeamSize: 1,
    requiredClearance: null, version: 1, fingerprint: `f-${id}`,
  };
}
function assignment(id: string, itemId: string, engineerId: string, start: string, end: string): SnapshotAssignment {
  return { id, scopeItemId: itemId, sowId: SOW, customerId: CUSTOMER, engineerId, role: 'primary', status: 'approved', locked: false, hoursPerWeek: 20, start, end, onsiteDays: 0, version: 1 };
}

function live(): PlanningRows {
  return {
    engineers: [engineer(E1), engineer(E2)],
    items: [item(I1, '2027-01-04', '2027-02-26'), item(I2, '2027-02-01', '2027-03-26')],
    assignments: [assignment('a1', I1, E1, '2027-01-04', '2027-02-26'), assignment('a2', I2, E2, '2027-02-01', '2027-03-26')],
  };
}

let seq = 0;
function stored(raw: Record<string, unknown>, id = `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`): StoredScenarioChange {
  return { id, seq, change: parseScenarioChange(raw) };
}

const everyKind = (): StoredScenarioChange[] => [
  stored({ kind: 'add_sow', title: 'Deal', customerId: CUSTOMER, winProbability: 0.4, items: [{ title: 'Install', startDate: '2027-02-01', endDate: '2027-03-12', estimatedHours: 120, minLevel: 'senior', requiredSkills: [{ key: 'gcp', minProficiency: 'mastery' }] }] }),
  stored({ kind: 'shift_item', scopeItemId: I1, days: 14 }),
  stored({ kind: 'remove_sow', sowId: '00000000-0000-4000-8000-0000000000ff' }),
  stored({ kind: 'add_engineer', name: 'New hire', level: 'senior', region: 'amer', skills: [{ key: 'gcp', proficiency: 'mastery' }], startDate: '2027-02-01' }),
  stored({ kind: 'remove_engineer', engineerId: E2, lastDay: '2027-02-15' }),
  stored({ kind: 'modify_engineer', engineerId: E1, level: 'senior', skills: [{ key: 'terraform', proficiency: 'mastery' }], utilizationTarget: 0.8, travelLimit: 0.5 }),
];

describe('applyScenario', () => {
  it('never writes to the live rows it reads: every kind of change leaves them deep-equal to a fresh read', () => {
    const rows = live();
    const frozen = JSON.parse(JSON.stringify(rows)) as PlanningRows;
    const seen = applyScenario(rows, everyKind(), horizon);
    expect(rows).toEqual(frozen);
    // And the scenario did see its changes.
    expect(seen.engineers.find((e) => e.id === E1)?.level).toBe('senior');
    expect(seen.engineers.find((e) => e.id === E1)?.skills).toEqual([{ key: 'terraform', proficiency: 'mastery' }]);
    expect(rows.engineers[0].skills).toEqual([{ key: 'terraform', proficiency: 'exposure' }]);
    // Objects are not shared either: mutating what the scenario returns cannot reach live rows.
    for (const e of seen.engineers) for (const l of rows.engineers) expect(e).not.toBe(l);
    for (const i of seen.items) for (const l of rows.items) expect(i).not.toBe(l);
    for (const a of seen.assignments) for (const l of rows.assignments) expect(a).not.toBe(l);
  });

  it('adds pipeline work with its win probability and hires with no capacity before they start', () => {
    const changes = everyKind();
    const seen = applyScenario(live(), changes, horizon);
    const dealItem = pipelineItemId(changes[0].id, 0);
    expect(seen.items.map((i) => i.id)).toContain(dealItem);
    expect(seen.winProbability.get(dealItem)).toBe(0.4);
    expect(seen.winProbability.get(I2)).toBe(1);
    expect(seen.hypotheticalItems).toEqual(new Set([dealItem]));
    const hire = seen.engineers.find((e) => e.id === changes[3].id);
    expect(hire?.timeOff.at(-1)?.end).toBe('2027-01-31');
    expect(seen.hypotheticalEngineers).toEqual(new Set([changes[3].id]));
  });

  it('shifts an item with its assignments, cuts a leaver at the last day, and reports what matched nothing', () => {
    const changes = everyKind();
    const seen = applyScenario(live(), changes, horizon);
    expect(seen.items.find((i) => i.id === I1)).toMatchObject({ start: '2027-01-18', end: '2027-03-12' });
    expect(seen.assignments.find((a) => a.id === 'a1')).toMatchObject({ start: '2027-01-18', end: '2027-03-12' });
    expect(seen.assignments.find((a) => a.id === 'a2')).toMatchObject({ end: '2027-02-15' });
    expect(seen.engineers.find((e) => e.id === E2)?.timeOff.at(-1)?.start).toBe('2027-02-16');
    expect(seen.changedItems).toEqual(new Set([I1]));
    expect(seen.changedEngineers).toEqual(new Set([E2, E1]));
    expect(seen.unmatched).toEqual([changes[2].id]);
  });

  it('drops work shifted out of the horizon, and reads wider so work shifted in is seen', () => {
    const out = [stored({ kind: 'shift_item', scopeItemId: I2, days: 120 })];
    expect(applyScenario(live(), out, horizon).items.map((i) => i.id)).toEqual([I1]);
    expect(readWindow(horizon, [stored({ kind: 'shift_sow', sowId: SOW, days: -30 })])).toEqual({ start: '2027-01-04', end: '2027-04-25' });
  });

  it('removing a whole SOW or an engineer releases their assignments', () => {
    const seen = applyScenario(live(), [stored({ kind: 'remove_sow', sowId: SOW }), stored({ kind: 'remove_engineer', engineerId: E1 })], horizon);
    expect(seen.items).toEqual([]);
    expect(seen.assignments).toEqual([]);
    expect(seen.engineers.map((e) => e.id)).toEqual([E2]);
  });
});

describe('parseScenarioChange', () => {
  const fields = (raw: Record<string, unknown>): string[] => {
    try {
      parseScenarioChange(raw);
      return [];
    } catch (error) {
      return (error as DomainError).details?.map((d) => d.field ?? '') ?? [];
    }
  };
  it('names each bad field of the request', () => {
    expect(fields({ kind: 'teleport' })).toEqual(['kind']);
    expect(fields({ kind: 'shift_item', scopeItemId: 'x', days: 1.5 })).toEqual(['scopeItemId', 'days']);
    expect(fields({ kind: 'add_sow', title: 'D', customerId: CUSTOMER, winProbability: 2, items: [{ title: 'T', startDate: '2027-03-01', endDate: '2027-02-01', estimatedHours: 0, minLevel: 'guru' }] })).toEqual([
      'items[0].endDate', 'items[0].estimatedHours', 'items[0].minLevel', 'winProbability',
    ]);
    expect(fields({ kind: 'modify_engineer', engineerId: E1 })).toEqual(['level']);
    expect(fields({ kind: 'add_engineer', name: 'N', level: 'senior', region: 'emea', startDate: '2027-13-01', skills: [{ key: 'go', proficiency: 'guru' }] })).toEqual(['skills[0].proficiency', 'startDate']);
  });
});
