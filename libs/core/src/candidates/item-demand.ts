import { demandHoursPerWeek, EngineerProfile, passesStaticRules, ScopeItemDemand, teamSizeFor } from '@sow/domain';
import { ScopeItemContext } from '@sow/persistence';

/** The scope item as matching sees it: its estimate spread over its own window. */
export function demandOfItem(context: ScopeItemContext): ScopeItemDemand {
  const { item, sow, customer } = context;
  return {
    id: item.id,
    sowId: item.sowId,
    customerId: customer.id,
    start: item.startDate,
    end: item.endDate,
    estimatedHours: item.estimatedHours,
    minLevel: item.minLevel,
    requiredSkills: item.requiredSkills,
    onsiteDays: item.onsiteDays,
    requiredClearance: sow.requiredClearance,
  };
}

/**
 * The demand one engineer would take: the whole item, or one share of it when its weekly hours need a
 * team (the plan splits the same way, from the same rule).
 */
export function teamDemand(context: ScopeItemContext, engineers: readonly EngineerProfile[]): { demand: ScopeItemDemand; teamSize: number } {
  const demand = demandOfItem(context);
  if (context.item.maxTeamSize <= 1) return { demand, teamSize: 1 };
  const hours = demandHoursPerWeek(demand);
  const teamSize = teamSizeFor(hours, context.item.maxTeamSize, engineers.filter((e) => passesStaticRules(e, demand)));
  if (teamSize === 1) return { demand, teamSize };
  return { demand: { ...demand, estimatedHours: undefined, hoursPerWeek: hours / teamSize, onsiteDays: demand.onsiteDays / teamSize }, teamSize };
}
