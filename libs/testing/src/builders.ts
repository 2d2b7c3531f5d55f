import { EngineerProfile, ScopeItemDemand } from '@sow/domain';
import type { PlanningItem } from '@sow/core';

/*
 * Builders for the domain's plain records, shared by the unit specs of libs/domain and libs/core.
 * Pure (no Nest, no database): import them as `@sow/testing/builders`, not through `@sow/testing`,
 * which also brings the e2e harness. Each spec passes only the fields its case is about.
 */

/** An active, billable intermediate engineer in EMEA with terraform (experience), 40 h a week, 70 % target. */
export function anEngineer(overrides: Partial<EngineerProfile> = {}): EngineerProfile {
  return {
    id: 'e1',
    level: 'intermediate',
    leadCapable: false,
    active: true,
    billable: true,
    clearance: null,
    weeklyCapacityHours: 40,
    utilizationTarget: 0.7,
    maxUtilization: 1,
    travelLimit: 0.2,
    skills: [{ key: 'terraform', proficiency: 'experience' }],
    timeOff: [],
    region: 'emea',
    timezone: 'Europe/Berlin',
    ...overrides,
  };
}

/** Two working weeks (2026-01-05 to 2026-01-16) at 20 h a week, intermediate, terraform (experience), remote. */
export function aScopeItemDemand(overrides: Partial<ScopeItemDemand> = {}): ScopeItemDemand {
  return {
    id: 'i1',
    sowId: 's1',
    customerId: 'c1',
    start: '2026-01-05',
    end: '2026-01-16',
    hoursPerWeek: 20,
    minLevel: 'intermediate',
    requiredSkills: [{ key: 'terraform', minProficiency: 'experience' }],
    onsiteDays: 0,
    requiredClearance: null,
    ...overrides,
  };
}

/** A scope item as the planner sees it: aScopeItemDemand plus its title (the id), priority 0.5 and an EMEA customer. */
export function aPlanningItem(overrides: Partial<PlanningItem> = {}): PlanningItem {
  return { ...aScopeItemDemand(), title: overrides.id ?? 'i1', priority: 0.5, customer: { region: 'emea', timezone: 'Europe/Berlin' }, ...overrides };
}
