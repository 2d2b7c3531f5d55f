import { CandidateScore, scoreCandidate } from '@sow/domain';
import type { SnapshotAssignment, SnapshotEngineer, SnapshotItem } from '@sow/persistence';
import { bookingsOf } from './plan-evaluation';
import { CompiledPlan, PlannedSlot, PlanningSnapshot, PlanRole } from './plan-model';
import { explainMoves, MoveEffect } from './plan-result';

/** One move of a proposed plan, as stored and shown to the senior manager. */
export interface StoredMove {
  kind: 'assign' | 'unassign' | 'reassign';
  itemId: string;
  itemTitle: string;
  sowId: string;
  role: PlanRole;
  fromEngineerId: string | null;
  fromEngineerName: string | null;
  /** The live assignment the move releases (reassign, unassign). */
  fromAssignmentId: string | null;
  toEngineerId: string | null;
  toEngineerName: string | null;
  hoursPerWeek: number;
  startDate: string;
  endDate: string;
  onsiteDays: number;
  improves: 'staffing' | 'utilization' | 'fit' | 'rules';
  effect: MoveEffect;
  reason: string;
  /** The new engineer's candidate score and breakdown for the item. */
  candidate: CandidateScore | null;
}

export interface ProposalInput {
  snapshot: PlanningSnapshot;
  compiled: CompiledPlan;
  before: readonly PlannedSlot[];
  after: readonly PlannedSlot[];
  bookings: ReturnType<typeof bookingsOf>;
  engineers: ReadonlyMap<string, SnapshotEngineer>;
  items: ReadonlyMap<string, SnapshotItem>;
  assignments: readonly SnapshotAssignment[];
}

/** The result step: every move between the current and the proposed plan, explained, named and scored, as stored. */
export function describeMoves(input: ProposalInput): StoredMove[] {
  const { snapshot, compiled, before, after, bookings, engineers, items } = input;
  const meta = new Map(compiled.tasks.map((t) => [t.taskId, t]));
  const liveAssignment = new Map(input.assignments.filter((a) => a.status !== 'released').map((a) => [`${a.scopeItemId}|${a.role}|${a.engineerId}`, a]));
  const plannedItems = new Map(snapshot.items.map((i) => [i.id, i]));
  return explainMoves(compiled, before, after).map((m): StoredMove => {
    const task = meta.get(m.taskId);
    const item = items.get(m.itemId);
    const to = m.toEngineerId ? engineers.get(m.toEngineerId) : undefined;
    const from = m.fromEngineerId ? engineers.get(m.fromEngineerId) : undefined;
    const planned = plannedItems.get(m.itemId);
    const candidate =
      to && planned && task
        ? scoreCandidate(to, { ...planned, hoursPerWeek: task.hoursPerWeek }, {
            bookings: (bookings.get(to.id) ?? []).filter((b) => b.scopeItemId !== m.itemId),
            customer: planned.customer,
          })
        : null;
    return {
      kind: m.kind,
      itemId: m.itemId,
      itemTitle: item?.title ?? m.itemId,
      sowId: task?.sowId ?? '',
      role: m.role,
      fromEngineerId: m.fromEngineerId,
      fromEngineerName: from?.name ?? null,
      fromAssignmentId: m.fromEngineerId ? (liveAssignment.get(`${m.itemId}|${m.role}|${m.fromEngineerId}`)?.id ?? null) : null,
      toEngineerId: m.toEngineerId,
      toEngineerName: to?.name ?? null,
      hoursPerWeek: Math.round((task?.hoursPerWeek ?? 0) * 100) / 100,
      startDate: task?.start ?? '',
      endDate: task?.end ?? '',
      onsiteDays: task?.onsiteDays ?? 0,
      improves: m.improves,
      effect: m.effect,
      reason: m.reason,
      candidate,
    };
  });
}
