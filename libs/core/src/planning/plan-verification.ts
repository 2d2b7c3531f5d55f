import { VerificationReport } from '@sow/optimizer';
import { PlanKpis } from './plan-evaluation';

/** Hard-rule checks done on every proposed plan, whatever the solver said. */
export class PlanInvalidError extends Error {}

/** The verify step, part one: the optimizer's independent check of the kept answer found no broken rule. */
export function assertNoHardRuleBroken(report: VerificationReport): void {
  if (report.violations.length > 0) {
    throw new PlanInvalidError(`The plan breaks ${report.violations.length} hard rule(s): ${report.violations.slice(0, 3).map((v) => v.kind).join(', ')}`);
  }
}

/** The verify step, part two: the domain's own capacity and travel sums over the proposed bookings. */
export function assertWithinLimits(kpis: Pick<PlanKpis, 'capacityViolations' | 'travelViolations'>): void {
  if (kpis.capacityViolations > 0 || kpis.travelViolations > 0) {
    throw new PlanInvalidError(`The plan breaks capacity (${kpis.capacityViolations}) or travel (${kpis.travelViolations}) limits`);
  }
}
