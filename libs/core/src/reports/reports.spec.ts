import { Booking } from '@sow/domain';
import { benchReport, demandSupplyReport, OpenItem, ReportEngineer, travelReport, utilizationReport } from './reports';
import { anEngineer } from '@sow/testing/builders';

const engineer = (id: string, overrides: Partial<ReportEngineer> = {}): ReportEngineer => ({ ...anEngineer({ id, ...overrides }), name: overrides.name ?? `Engineer ${id}` });
const booking = (start: string, end: string, hoursPerWeek: number, onsiteDays = 0): Booking => ({ start, end, hoursPerWeek, onsiteDays });
const window = { start: '2027-01-04', end: '2027-01-17' }; // two full ISO weeks

describe('utilizationReport', () => {
  const engineers = [engineer('a'), engineer('b', { level: 'senior', region: 'amer' }), engineer('m', { billable: false, level: 'senior_manager' })];
  const bookings = new Map([
    ['a', [booking('2027-01-04', '2027-01-15', 32)]],
    ['b', [booking('2027-01-11', '2027-01-15', 20)]],
  ]);

  it('reports each engineer per week against target, without non-billable managers', () => {
    const rows = utilizationReport(engineers, bookings, window, 'week', 'engineer');
    expect(rows.map((r) => [r.label, r.period, r.plannedHours, r.utilization, r.status])).toEqual([
      ['Engineer a', '2027-W01', 32, 0.8, 'on_target'],
      ['Engineer a', '2027-W02', 32, 0.8, 'on_target'],
      ['Engineer b', '2027-W01', 0, 0, 'below'],
      ['Engineer b', '2027-W02', 20, 0.5, 'below'],
    ]);
  });

  it('aggregates by level and by month with capacity-weighted targets', () => {
    const byLevel = utilizationReport(engineers, bookings, window, 'month', 'level');
    expect(byLevel).toEqual([
      expect.objectContaining({ group: 'intermediate', period: '2027-01', capacityHours: 80, plannedHours: 64, utilization: 0.8, target: 0.7 }),
      expect.objectContaining({ group: 'senior', period: '2027-01', capacityHours: 80, plannedHours: 20, utilization: 0.25, status: 'below' }),
    ]);
    const byRegion = utilizationReport(engineers, bookings, window, 'month', 'region');
    expect(byRegion.map((r) => r.group)).toEqual(['amer', 'emea']);
  });
});

describe('benchReport', () => {
  it('lists engineers below target with free hours and their best eligible open items', () => {
    const item: OpenItem = {
      id: 'i1', sowId: 's1', customerId: 'c1', start: '2027-01-04', end: '2027-01-15', hoursPerWeek: 10, minLevel: 'intermediate',
      requiredSkills: [{ key: 'terraform', minProficiency: 'experience' }], onsiteDays: 0, requiredClearance: null,
      title: 'Install', sowTitle: 'Acme SOW', customerName: 'Acme',
    };
    const tooSenior: OpenItem = { ...item, id: 'i2', minLevel: 'senior' };
    const rows = benchReport([engineer('a'), engineer('busy')], new Map([['busy', [booking('2027-01-04', '2027-01-15', 40)]]]), [item, tooSenior], window);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ engineerId: 'a', utilization: 0, hoursToTarget: 56, freeHours: 80 });
    expect(rows[0].bestMatches.map((m) => m.scopeItemId)).toEqual(['i1']);
  });
});

describe('travelReport', () => {
  it('reports on-site days per month and flags months over the limit', () => {
    const rows = travelReport([engineer('a')], new Map([['a', [booking('2027-01-04', '2027-01-15', 20, 6)]]]), window);
    expect(rows).toEqual([expect.objectContaining({ month: '2027-01', workingDays: 21, onsiteDays: 6, exceeded: true })]);
  });
});

describe('demandSupplyReport', () => {
  it('compares unstaffed demand with free hours of holders at the needed proficiency: the hiring signal', () => {
    const items = [
      { id: 'i1', sowId: 's', customerId: 'c', start: '2027-01-04', end: '2027-01-15', estimatedHours: 100, minLevel: 'associate' as const, requiredSkills: [{ key: 'terraform', minProficiency: 'mastery' as const }], onsiteDays: 0, requiredClearance: null },
      { id: 'i2', sowId: 's', customerId: 'c', start: '2027-01-04', end: '2027-01-15', estimatedHours: 40, openHours: 0, minLevel: 'associate' as const, requiredSkills: [{ key: 'terraform', minProficiency: 'experience' as const }], onsiteDays: 0, requiredClearance: null },
    ];
    const rows = demandSupplyReport(items, [engineer('a'), engineer('b', { skills: [{ key: 'terraform', proficiency: 'mastery' }] })], new Map(), window);
    expect(rows).toEqual([
      { skill: 'terraform', minProficiency: 'mastery', demandHours: 100, unstaffedHours: 100, supplyHours: 80, engineers: 1, balanceHours: -20 },
      { skill: 'terraform', minProficiency: 'experience', demandHours: 40, unstaffedHours: 0, supplyHours: 160, engineers: 2, balanceHours: 160 },
    ]);
  });
});
