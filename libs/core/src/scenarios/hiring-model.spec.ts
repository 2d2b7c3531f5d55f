import { EngineerProfile, Level } from '@sow/domain';
import { solveModel, verifySolution } from '@sow/optimizer';
import { compilePlanModel, PlanningItem, PlanningSnapshot } from '../planning/plan-model';
import { boughtOptions, buildHiringModel, HiringOption, optionCost } from './hiring-model';

function engineer(id: string, level: Level, skills: Array<[string, 'exposure' | 'experience' | 'mastery']>): EngineerProfile {
  return {
    id,
    level,
    leadCapable: level === 'senior',
    active: true,
    billable: true,
    clearance: null,
    skills: skills.map(([key, proficiency]) => ({ key, proficiency })),
    region: 'emea',
    timezone: 'Europe/Berlin',
    weeklyCapacityHours: 40,
    utilizationTarget: 0.7,
    maxUtilization: 1,
    travelLimit: 0.2,
    timeOff: [],
  };
}

function item(id: string, start: string, end: string, hoursPerWeek: number, skill: string, minLevel: Level = 'intermediate'): PlanningItem {
  return {
    id,
    sowId: `s-${id}`,
    customerId: 'c1',
    title: id,
    start,
    end,
    hoursPerWeek,
    minLevel,
    requiredSkills: [{ key: skill, minProficiency: 'experience' }],
    onsiteDays: 0,
    requiredClearance: null,
    priority: 0.5,
    customer: { region: 'emea', timezone: 'Europe/Berlin' },
  };
}

const horizon = { start: '2027-01-04', end: '2027-02-26' };

function hire(id: string, skill: string, start: string, fixedCost: number, level: Level = 'intermediate'): HiringOption {
  return { kind: 'hire', id, level, region: 'emea', timezone: 'Europe/Berlin', skills: [{ key: skill, proficiency: 'experience' }], start, fixedCost };
}

/** Every subset of the options, each solved exactly as a plain plan with those options bought. */
async function bruteForce(snapshot: PlanningSnapshot, options: HiringOption[], weight?: (id: string) => number): Promise<number> {
  const compiled = compilePlanModel(snapshot);
  let best = Infinity;
  for (let mask = 0; mask < 1 << options.length; mask++) {
    const chosen = new Set(options.filter((_, i) => mask & (1 << i)).map((o) => o.id));
    const plain = buildHiringModel(snapshot, compiled, options, weight, chosen);
    const solution = await solveModel(plain.model, { method: 'milp', timeLimitMs: 20_000 });
    expect(solution.status).toBe('optimal');
    best = Math.min(best, (solution.objective ?? Infinity) + optionCost(options, chosen));
  }
  return best;
}

async function gated(snapshot: PlanningSnapshot, options: HiringOption[], weight?: (id: string) => number) {
  const compiled = compilePlanModel(snapshot);
  const hiring = buildHiringModel(snapshot, compiled, options, weight);
  const solution = await solveModel(hiring.model, { method: 'milp', timeLimitMs: 20_000 });
  expect(verifySolution(hiring.model, solution.assignment).violations).toEqual([]);
  return { hiring, solution, bought: boughtOptions(hiring, options, solution) };
}

describe('hiring model (fixed-charge options in the plan model)', () => {
  // Small instances, each checked against the exact solve of every subset of options.
  const cases: Array<{ name: string; snapshot: PlanningSnapshot; options: HiringOption[]; weight?: (id: string) => number; expectBought: string[] }> = [
    {
      name: 'one cheap hire staffs the work nobody on the team can do',
      snapshot: {
        horizon,
        engineers: [engineer('e1', 'intermediate', [['ansible', 'experience']])],
        items: [item('tf', '2027-01-04', '2027-02-26', 30, 'terraform'), item('an', '2027-01-04', '2027-02-26', 30, 'ansible')],
        assignments: [],
      },
      options: [hire('h-tf', 'terraform', '2027-01-01', 5_000), hire('h-tf-late', 'terraform', '2027-02-01', 4_000), hire('h-go', 'go', '2027-01-01', 100)],
      expectBought: ['h-tf'],
    },
    {
      name: 'a hire dearer than the work it unlocks is not made',
      snapshot: {
        horizon,
        engineers: [engineer('e1', 'intermediate', [['ansible', 'experience']])],
        items: [item('tf', '2027-02-01', '2027-02-05', 10, 'terraform')],
        assignments: [],
      },
      options: [hire('h-tf', 'terraform', '2027-01-01', 1_000_000)],
      expectBought: [],
    },
    {
      name: 'training an intermediate beats a hire when it is cheaper',
      snapshot: {
        horizon,
        engineers: [engineer('e1', 'intermediate', [['terraform', 'exposure']]), engineer('e2', 'senior', [['ansible', 'mastery']])],
        items: [item('tf', '2027-01-04', '2027-02-26', 20, 'terraform'), item('an', '2027-01-04', '2027-02-26', 20, 'ansible')],
        assignments: [],
      },
      options: [
        hire('h-tf', 'terraform', '2027-01-01', 6_000),
        { kind: 'training', id: 't-e1-tf', engineerId: 'e1', skill: { key: 'terraform', proficiency: 'experience' }, fixedCost: 2_000 },
      ],
      expectBought: ['t-e1-tf'],
    },
    {
      name: 'a win probability that makes the deal not worth a hire',
      snapshot: {
        horizon,
        engineers: [engineer('e1', 'intermediate', [['ansible', 'experience']])],
        items: [item('tf', '2027-01-04', '2027-02-26', 30, 'terraform'), item('tf2', '2027-01-04', '2027-02-26', 8, 'terraform')],
        assignments: [],
      },
      options: [hire('h-tf', 'terraform', '2027-01-01', 40_000), hire('h-tf2', 'terraform', '2027-02-01', 20_000)],
      weight: (id) => (id === 'tf' ? 0.1 : 1),
      expectBought: [],
    },
  ];

  it.each(cases)('$name: same optimum as brute force over every subset', async ({ snapshot, options, weight, expectBought }) => {
    const reference = await bruteForce(snapshot, options, weight);
    const { solution, bought } = await gated(snapshot, options, weight);
    expect(solution.status).toBe('optimal');
    expect(solution.objective).toBeCloseTo(reference, 4);
    expect(bought.map((b) => b.option.id).sort()).toEqual(expectBought);
  });

  it('a random family of small instances matches brute force', async () => {
    let seed = 7;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const skills = ['terraform', 'ansible', 'go'];
    for (let round = 0; round < 4; round++) {
      const snapshot: PlanningSnapshot = {
        horizon,
        engineers: [engineer('e1', 'intermediate', [[skills[round % 3], 'experience']]), engineer('e2', 'intermediate', [[skills[(round + 1) % 3], 'exposure']])],
        items: [0, 1, 2].map((k) => item(`i${k}`, k === 2 ? '2027-02-01' : '2027-01-04', '2027-02-26', 10 + Math.round(rand() * 25), skills[Math.floor(rand() * 3)])),
        assignments: [],
      };
      const options: HiringOption[] = [
        hire('h1', skills[Math.floor(rand() * 3)], '2027-01-01', 2_000 + Math.round(rand() * 60_000)),
        hire('h2', skills[Math.floor(rand() * 3)], '2027-02-01', 2_000 + Math.round(rand() * 40_000)),
        { kind: 'training', id: 't1', engineerId: 'e2', skill: { key: skills[(round + 1) % 3], proficiency: 'experience' }, fixedCost: 1_000 + Math.round(rand() * 30_000) },
      ];
      const reference = await bruteForce(snapshot, options);
      const { solution } = await gated(snapshot, options);
      expect(solution.objective).toBeCloseTo(reference, 4);
    }
  });
});
