import fc from 'fast-check';
import {
  addDays,
  Booking,
  checkAssignmentRules,
  CLEARANCE_LEVELS,
  EngineerProfile,
  leadHasAssociate,
  LEVELS,
  PROFICIENCIES,
  rankCandidates,
  TeamAssignment,
} from '@sow/domain';
import { solveModel } from '@sow/optimizer';
import { compilePlanModel, PlanningAssignment, PlanningItem, PlanningSnapshot } from './plan-model';
import { solvePlan } from './solve-plan';

const SKILLS = ['terraform', 'ansible', 'kubernetes'];
// Whole ISO weeks: the plan's capacity rows are the manual check's weeks.
const HORIZON = { start: '2027-03-01', end: '2027-04-25' };
const DAYS = 56;

const rangeArb = (minLength: number) =>
  fc.tuple(fc.integer({ min: 0, max: DAYS - 1 }), fc.integer({ min: minLength, max: DAYS })).map(([a, len]) => {
    const start = Math.min(a, DAYS - minLength);
    return { start: addDays(HORIZON.start, start), end: addDays(HORIZON.start, Math.min(DAYS - 1, start + len - 1)) };
  });

const engineerArb = fc.record({
  level: fc.constantFrom(...LEVELS),
  leadCapable: fc.boolean(),
  active: fc.boolean().map((b) => b || Math.random() < 0.8),
  billable: fc.boolean(),
  clearance: fc.constantFrom(null, null, ...CLEARANCE_LEVELS),
  skills: fc.uniqueArray(fc.record({ key: fc.constantFrom(...SKILLS), proficiency: fc.constantFrom(...PROFICIENCIES) }), { selector: (s) => s.key }),
  weeklyCapacityHours: fc.constantFrom(24, 32, 40),
  maxUtilization: fc.constantFrom(0.8, 1),
  travelLimit: fc.constantFrom(0, 0.1, 0.2, 0.4),
  timeOff: fc.array(rangeArb(1), { maxLength: 2 }),
});

const itemArb = fc.record({
  sow: fc.integer({ min: 0, max: 3 }),
  range: rangeArb(5),
  hoursPerWeek: fc.constantFrom(8, 16, 24, 40, 56, 72),
  maxTeamSize: fc.constantFrom(1, 1, 2, 3),
  minLevel: fc.constantFrom(...LEVELS.filter((l) => l !== 'senior_manager')),
  requiredSkills: fc.uniqueArray(fc.record({ key: fc.constantFrom(...SKILLS), minProficiency: fc.constantFrom(...PROFICIENCIES) }), { selector: (s) => s.key, maxLength: 2 }),
  onsiteDays: fc.constantFrom(0, 0, 2, 6),
  clearance: fc.constantFrom(null, null, null, ...CLEARANCE_LEVELS),
  priority: fc.double({ min: 0, max: 1, noNaN: true }),
});

const orgArb = fc.record({
  engineers: fc.array(engineerArb, { minLength: 2, maxLength: 9 }),
  items: fc.array(itemArb, { minLength: 1, maxLength: 8 }),
  // Fixed bookings on other work: engineer index, range, hours.
  background: fc.array(fc.record({ engineer: fc.nat(), range: rangeArb(5), hoursPerWeek: fc.constantFrom(8, 16, 24) }), { maxLength: 4 }),
});

type Org = typeof orgArb extends fc.Arbitrary<infer T> ? T : never;

function snapshotOf(org: Org): PlanningSnapshot {
  const engineers: EngineerProfile[] = org.engineers.map((e, i) => ({ id: `e${i}`, region: 'emea', timezone: 'Europe/Berlin', utilizationTarget: 0.7, ...e }));
  const items: PlanningItem[] = org.items.map((it, i) => ({
    id: `i${i}`,
    sowId: `s${it.sow}`,
    customerId: `c${it.sow}`,
    title: `item ${i}`,
    start: it.range.start,
    end: it.range.end,
    hoursPerWeek: it.hoursPerWeek,
    minLevel: it.minLevel,
    requiredSkills: it.requiredSkills,
    onsiteDays: it.onsiteDays,
    maxTeamSize: it.maxTeamSize,
    requiredClearance: it.clearance,
    priority: it.priority,
    customer: { region: 'emea', timezone: 'Europe/Berlin' },
  }));
  const assignments: PlanningAssignment[] = org.background.map((b, i) => ({
    id: `bg${i}`,
    scopeItemId: `other${i}`,
    sowId: `other-sow${i}`,
    customerId: 'c-other',
    engineerId: engineers[b.engineer % engineers.length].id,
    role: 'primary',
    hoursPerWeek: b.hoursPerWeek,
    onsiteDays: 0,
    start: b.range.start,
    end: b.range.end,
    movable: false,
  }));
  return { horizon: HORIZON, engineers, items, assignments };
}

describe('plans obey the rule book', () => {
  it('every planned assignment passes the manual assignment check, teams are distinct engineers with a primary, no lead is booked without an associate, and candidates never exclude a planned engineer', async () => {
    let teamsPlanned = 0;
    await fc.assert(
      fc.asyncProperty(orgArb, async (org) => {
        const snapshot = snapshotOf(org);
        const compiled = compilePlanModel(snapshot);
        const planned = await solvePlan(compiled, solveModel, { method: 'heuristic', timeLimitMs: 150, seed: 1, maxIterations: 2000 });
        expect(planned.report.violations).toEqual([]);
        const engineers = new Map(snapshot.engineers.map((e) => [e.id, e]));
        const items = new Map(snapshot.items.map((i) => [i.id, i]));
        const meta = new Map(compiled.tasks.map((t) => [t.taskId, t]));
        const placed = planned.slots.flatMap((s) => {
          const m = meta.get(s.taskId);
          const item = items.get(s.itemId);
          const engineer = s.engineerId ? engineers.get(s.engineerId) : undefined;
          return m && item && engineer ? [{ slot: s, meta: m, item, engineer }] : [];
        });
        const bookingOf = (p: (typeof placed)[number]): Booking => ({ id: p.slot.taskId, start: p.meta.start, end: p.meta.end, hoursPerWeek: p.meta.hoursPerWeek, onsiteDays: p.meta.onsiteDays, sowId: p.meta.sowId, scopeItemId: p.item.id });
        const teamOf = (p: (typeof placed)[number]): TeamAssignment => ({ id: p.slot.taskId, engineerId: p.engineer.id, role: p.slot.role, level: p.engineer.level, leadCapable: p.engineer.leadCapable, start: p.meta.start, end: p.meta.end });
        const background = snapshot.assignments.map((a) => ({ engineerId: a.engineerId, booking: { id: a.id, start: a.start, end: a.end, hoursPerWeek: a.hoursPerWeek, onsiteDays: a.onsiteDays } as Booking }));
        // A team is distinct engineers, each share within what the item allows, and never without its primary.
        if (placed.some((p) => p.slot.role === 'secondary')) teamsPlanned += 1;
        for (const item of snapshot.items) {
          const team = placed.filter((p) => p.item.id === item.id && p.slot.role !== 'lead');
          expect(new Set(team.map((p) => p.engineer.id)).size).toBe(team.length);
          expect(team.length).toBeLessThanOrEqual(item.maxTeamSize ?? 1);
          if (team.length > 0) expect(team.map((p) => p.slot.role)).toContain('primary');
        }
        for (const p of placed) {
          const bookings = [
            ...background.filter((b) => b.engineerId === p.engineer.id).map((b) => b.booking),
            ...placed.filter((q) => q !== p && q.engineer.id === p.engineer.id).map(bookingOf),
          ];
          const team = placed.filter((q) => q !== p && q.meta.sowId === p.meta.sowId).map(teamOf);
          const demand = { ...p.item, hoursPerWeek: p.meta.hoursPerWeek, onsiteDays: p.meta.onsiteDays };
          expect({ slot: p.slot.taskId, engineer: p.engineer.id, violations: checkAssignmentRules({ engineer: p.engineer, demand, role: p.slot.role, bookings, team }) }).toEqual({
            slot: p.slot.taskId,
            engineer: p.engineer.id,
            violations: [],
          });
          if (p.slot.role === 'lead') expect(leadHasAssociate({ engineerId: p.engineer.id, start: p.meta.start, end: p.meta.end }, team)).toBe(true);
          if (p.slot.role !== 'lead') {
            // Candidates, asked today (background bookings only): the planned engineer is never excluded for a
            // rule that does not depend on load.
            const ranking = rankCandidates([p.engineer], demand, { bookingsByEngineer: { [p.engineer.id]: background.filter((b) => b.engineerId === p.engineer.id).map((b) => b.booking) }, customer: { region: 'emea' } });
            const staticReasons = ranking.excluded.flatMap((x) => x.violations.map((v) => v.rule)).filter((r) => r !== 'capacity_exceeded' && r !== 'travel_limit_exceeded');
            expect(staticReasons).toEqual([]);
          }
        }
      }),
      { numRuns: 80, seed: 19 },
    );
    // The generator must actually exercise teams, or the team checks above prove nothing.
    expect(teamsPlanned).toBeGreaterThan(0);
  }, 120_000);
});
