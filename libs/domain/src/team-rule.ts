import { DateRange, listWorkingDays, toDayNumber } from './calendar';
import { AssignmentRole, AssignmentStatus, Level } from './vocabulary';

/** One assignment on a SOW, with the assigned engineer's level and lead capability. */
export interface TeamAssignment extends DateRange {
  id: string;
  engineerId: string;
  role: AssignmentRole;
  level: Level;
  leadCapable: boolean;
  status?: AssignmentStatus;
}

export interface LeadCoverageGap {
  assignmentId: string;
  engineerId: string;
  /** Runs of uncovered working days; a run continues over a weekend, and starts and ends on working days. */
  uncovered: DateRange[];
  uncoveredWorkingDays: number;
}

export interface LeadCoverageResult {
  ok: boolean;
  gaps: LeadCoverageGap[];
}

const isLive = (a: TeamAssignment): boolean => a.status !== 'released';

/**
 * Associates assigned as `primary` (or `secondary` in a team) deliver with guidance: every working day of such an assignment needs
 * a lead-capable engineer assigned as `lead` on the same SOW. Pass all assignments of one SOW.
 */
export function checkLeadCoverage(assignmentsOfSow: readonly TeamAssignment[]): LeadCoverageResult {
  const leads = assignmentsOfSow
    .filter((a) => isLive(a) && a.role === 'lead' && a.leadCapable && a.level !== 'associate')
    .map((a) => ({ engineerId: a.engineerId, start: toDayNumber(a.start), end: toDayNumber(a.end) }));
  const gaps: LeadCoverageGap[] = [];
  for (const primary of assignmentsOfSow) {
    if (!isLive(primary) || (primary.role !== 'primary' && primary.role !== 'secondary') || primary.level !== 'associate') continue;
    const uncovered: DateRange[] = [];
    let count = 0;
    let open: { start: string; end: string } | null = null;
    for (const day of listWorkingDays(primary)) {
      const n = toDayNumber(day);
      const covered = leads.some((l) => l.engineerId !== primary.engineerId && l.start <= n && n <= l.end);
      if (covered) {
        if (open) uncovered.push(open);
        open = null;
        continue;
      }
      count += 1;
      if (open) open.end = day;
      else open = { start: day, end: day };
    }
    if (open) uncovered.push(open);
    if (count > 0) gaps.push({ assignmentId: primary.id, engineerId: primary.engineerId, uncovered, uncoveredWorkingDays: count });
  }
  return { ok: gaps.length === 0, gaps };
}

