import { ScopeItemDemand } from '@sow/domain';
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
