import { checkLeadCoverage, TeamAssignment } from './team-rule';

const primary = (overrides: Partial<TeamAssignment> = {}): TeamAssignment => ({
  id: 'p1',
  engineerId: 'assoc',
  role: 'primary',
  level: 'associate',
  leadCapable: false,
  start: '2026-01-05',
  end: '2026-01-30',
  ...overrides,
});
const lead = (start: string, end: string, overrides: Partial<TeamAssignment> = {}): TeamAssignment => ({
  id: `l-${start}`,
  engineerId: 'senior',
  role: 'lead',
  level: 'senior',
  leadCapable: true,
  start,
  end,
  ...overrides,
});

describe('checkLeadCoverage', () => {
  it.each([
    { name: 'fully covered', assignments: [primary(), lead('2026-01-01', '2026-02-15')], gaps: [] },
    {
      name: 'no lead at all: one run over weekends',
      assignments: [primary()],
      gaps: [{ start: '2026-01-05', end: '2026-01-30' }],
    },
    {
      name: 'a lead in the middle leaves two runs, trimmed to working days',
      assignments: [primary(), lead('2026-01-12', '2026-01-23')],
      gaps: [
        { start: '2026-01-05', end: '2026-01-09' },
        { start: '2026-01-26', end: '2026-01-30' },
      ],
    },
    {
      name: 'two leads back to back over a weekend cover everything',
      assignments: [primary(), lead('2026-01-05', '2026-01-16'), lead('2026-01-19', '2026-01-30', { engineerId: 'ta' })],
      gaps: [],
    },
    {
      name: 'a lead that is not lead-capable does not count',
      assignments: [primary(), lead('2026-01-01', '2026-02-15', { leadCapable: false })],
      gaps: [{ start: '2026-01-05', end: '2026-01-30' }],
    },
    {
      name: 'a released lead does not count',
      assignments: [primary(), lead('2026-01-01', '2026-02-15', { status: 'released' })],
      gaps: [{ start: '2026-01-05', end: '2026-01-30' }],
    },
    {
      name: 'a lead-capable engineer as shadow does not count',
      assignments: [primary(), lead('2026-01-01', '2026-02-15', { role: 'shadow' })],
      gaps: [{ start: '2026-01-05', end: '2026-01-30' }],
    },
    { name: 'an intermediate primary needs no lead', assignments: [primary({ level: 'intermediate' })], gaps: [] },
    { name: 'an associate shadow needs no lead', assignments: [primary({ role: 'shadow' })], gaps: [] },
    { name: 'a released associate primary needs no lead', assignments: [primary({ status: 'released' })], gaps: [] },
    {
      name: 'a weekend-only lead covers nothing',
      assignments: [primary({ end: '2026-01-16' }), lead('2026-01-10', '2026-01-11')],
      gaps: [{ start: '2026-01-05', end: '2026-01-16' }],
    },
  ])('$name', ({ assignments, gaps }) => {
    const result = checkLeadCoverage(assignments);
    expect(result.ok).toBe(gaps.length === 0);
    expect(result.gaps.flatMap((g) => g.uncovered)).toEqual(gaps);
  });

  it('counts uncovered working days per associate assignment', () => {
    const result = checkLeadCoverage([
      primary(),
      primary({ id: 'p2', engineerId: 'assoc2', start: '2026-01-26', end: '2026-02-03' }),
      lead('2026-01-05', '2026-01-27'),
    ]);
    expect(result.gaps).toEqual([
      { assignmentId: 'p1', engineerId: 'assoc', uncovered: [{ start: '2026-01-28', end: '2026-01-30' }], uncoveredWorkingDays: 3 },
      { assignmentId: 'p2', engineerId: 'assoc2', uncovered: [{ start: '2026-01-28', end: '2026-02-03' }], uncoveredWorkingDays: 5 },
    ]);
  });
});
