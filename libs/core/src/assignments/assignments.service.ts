import { Injectable } from '@nestjs/common';
import {
  AssignmentRole,
  AssignmentRuleViolation,
  AssignmentStatus,
  assertAssignmentTransition,
  Booking,
  assertDateRange,
  START_END_DATE,
  assertVersion,
  checkAssignmentRules,
  DateRange,
  DomainError,
  EngineerProfile,
  rangeContains,
  ScopeItemDemand,
  scoreCandidate,
  SowStatus,
  violationDetails,
} from '@sow/domain';
import {
  AssignmentEntity,
  AssignmentFilter,
  AssignmentsRepository,
  AuditRepository,
  EngineersRepository,
  ScopeItemContext,
  StoredOverride,
  StoredScore,
  TimeOffRepository,
  TransactionRunner,
  Tx,
} from '@sow/persistence';
import { Actor, Page } from '../shared/actor';

import { AssignmentTerms, assignmentChangedEvent, AssignmentView, toAssignmentView } from './assignment-view';
import { CalendarHolder, calendarWindow, WorkingCalendarService } from '../working-calendar/working-calendar.service';

export interface ProposeAssignmentInput extends AssignmentTerms {
  engineerId: string;
  locked?: boolean;
  /** A senior manager's written reason to accept broken rules. */
  overrideReason?: string;
}

export interface UpdateAssignmentInput {
  role?: AssignmentRole;
  hoursPerWeek?: number;
  startDate?: string;
  endDate?: string;
  onsiteDays?: number;
  locked?: boolean;
  overrideReason?: string;
}

type NewAssignment = Pick<ProposeAssignmentInput, 'engineerId' | 'role' | 'hoursPerWeek' | 'startDate' | 'endDate' | 'onsiteDays'> & { scopeItemId: string };

interface CheckedAssignment {
  context: ScopeItemContext;
  engineer: EngineerProfile;
  demand: ScopeItemDemand;
  bookings: Booking[];
  violations: AssignmentRuleViolation[];
}

/** One assignment of an approved staffing plan. */
export interface PlannedAssignmentInput extends NewAssignment {
  score: StoredScore | null;
  reason: string;
}

/** Staffing is only for SOWs that have been submitted and are not finished. */
export const STAFFABLE_SOW_STATUSES: readonly SowStatus[] = ['submitted', 'approved', 'active'];
export const MIN_OVERRIDE_REASON_LENGTH = 10;

// Changes to these reach engineers' calendars and plans, so they are announced.
const ANNOUNCED_STATUSES: readonly AssignmentStatus[] = ['approved', 'active'];

function assertStaffable(context: ScopeItemContext): void {
  if (!STAFFABLE_SOW_STATUSES.includes(context.sow.status)) {
    throw new DomainError('conflict', `SOW ${context.sow.id} is ${context.sow.status}; staffing needs a submitted, approved or active SOW`, [
      { field: 'status', rule: 'isStaffable', message: `SOW status is ${context.sow.status}` },
    ]);
  }
}

/** The SOW's engagement manager, any senior manager, or an admin. */
function assertCanStaff(actor: Actor, context: ScopeItemContext): void {
  if (actor.role === 'admin' || actor.role === 'senior_manager') return;
  if (actor.role === 'engagement_manager' && context.sow.engagementManagerId === actor.userId) return;
  throw new DomainError('forbidden', 'Only the SOW’s engagement manager, a senior manager or an admin may staff it');
}

function assertOverrideAllowed(actor: Actor, reason: string | undefined): void {
  if (reason === undefined) return;
  if (actor.role !== 'senior_manager') throw new DomainError('forbidden', 'Only a senior manager may override staffing rules');
  if (reason.trim().length < MIN_OVERRIDE_REASON_LENGTH) {
    throw new DomainError('validation_failed', 'overrideReason is too short', [
      { field: 'overrideReason', rule: 'minLength', message: `overrideReason must be at least ${MIN_OVERRIDE_REASON_LENGTH} characters` },
    ]);
  }
}

function assertWithinItem(context: ScopeItemContext, start: string, end: string): void {
  assertDateRange({ start, end }, START_END_DATE);
  const item = { start: context.item.startDate, end: context.item.endDate };
  if (!rangeContains(item, { start, end })) {
    const details = [];
    if (start < item.start || start > item.end) details.push({ field: 'startDate', rule: 'withinScopeItem', message: `startDate must be within ${item.start}..${item.end}` });
    if (end < item.start || end > item.end) details.push({ field: 'endDate', rule: 'withinScopeItem', message: `endDate must be within ${item.start}..${item.end}` });
    throw new DomainError('validation_failed', `The assignment must lie inside the scope item (${item.start}..${item.end})`, details);
  }
}

@Injectable()
export class AssignmentsService {
  constructor(
    private readonly assignments: AssignmentsRepository,
    private readonly engineers: EngineersRepository,
    private readonly timeOff: TimeOffRepository,
    private readonly audit: AuditRepository,
    private readonly tx: TransactionRunner,
    private readonly calendars: WorkingCalendarService,
  ) {}

  async propose(actor: Actor, scopeItemId: string, input: ProposeAssignmentInput): Promise<AssignmentView> {
    assertOverrideAllowed(actor, input.overrideReason);
    return this.tx.run(async (tx) => {
      const checked = await this.checkNew(actor, { ...input, scopeItemId }, tx);
      const override = this.resolveOverride(actor, checked.violations, input.overrideReason, null);
      const score = scoreCandidate(checked.engineer, checked.demand, { bookings: checked.bookings, customer: { region: checked.context.customer.region } });
      const saved = await this.insertProposed(actor, checked, { ...input, scopeItemId }, { source: 'manual', locked: input.locked ?? false, score: { total: score.total, breakdown: score.breakdown }, override, staffingPlanId: null }, tx);
      if (override) await this.recordOverride(actor, saved, override, tx);
      return toAssignmentView(saved);
    });
  }

  async list(actor: Actor, filter: AssignmentFilter): Promise<Page<AssignmentView>> {
    if (actor.role === 'engineer') {
      if (!actor.engineerId || (filter.engineerId !== undefined && filter.engineerId !== actor.engineerId)) {
        throw new DomainError('not_found', `Engineer ${filter.engineerId ?? ''} not found`);
      }
      filter = { ...filter, engineerId: actor.engineerId };
    }
    const [rows, total] = await this.assignments.list(filter);
    return { items: rows.map(toAssignmentView), total };
  }

  async get(actor: Actor, id: string): Promise<AssignmentView> {
    const found = await this.assignments.findById(id);
    if (!found || (actor.role === 'engineer' && actor.engineerId !== found.engineerId)) throw new DomainError('not_found', `Assignment ${id} not found`);
    return toAssignmentView(found);
  }

  async update(actor: Actor, id: string, patch: UpdateAssignmentInput, expectedVersion?: number): Promise<AssignmentView> {
    assertOverrideAllowed(actor, patch.overrideReason);
    return this.tx.run(async (tx) => {
      // Lock order everywhere: SOW (through the item), engineer, assignment.
      const peek = await this.assignments.findById(id, tx);
      if (!peek) throw new DomainError('not_found', `Assignment ${id} not found`);
      const context = await this.lockContext(peek.scopeItemId, tx);
      assertCanStaff(actor, context);
      const profile = await this.lockProfile(peek.engineerId, tx, 'engineerId');
      const current = await this.lockAssignment(id, tx);
      assertVersion('assignment', current.version, expectedVersion);
      if (current.status === 'released') {
        throw new DomainError('conflict', `Assignment ${id} is released and cannot be changed`, [{ field: 'status', rule: 'notReleased', message: 'status is released' }]);
      }
      assertStaffable(context);
      const next = {
        role: patch.role ?? current.role,
        hoursPerWeek: patch.hoursPerWeek ?? current.hoursPerWeek,
        startDate: patch.startDate ?? current.startDate,
        endDate: patch.endDate ?? current.endDate,
        onsiteDays: patch.onsiteDays ?? current.onsiteDays,
        locked: patch.locked ?? current.locked,
      };
      assertWithinItem(context, next.startDate, next.endDate);
      const demand = this.demandOf(context, next);
      const engineer = await this.withHolidays(profile, demand, tx);
      const bookings = (await this.assignments.liveBookingsOf(engineer.id, tx)).filter((b) => b.id !== id);
      const team = (await this.assignments.teamOfSow(context.sow.id, tx)).filter((m) => m.id !== id && m.status !== 'released');
      const violations = checkAssignmentRules({ engineer, demand, role: next.role, bookings, team });
      const override = this.resolveOverride(actor, violations, patch.overrideReason, current.override);
      const before = toAssignmentView(current);
      const saved = await this.assignments.update(id, { ...next, override }, tx);
      const after = toAssignmentView(saved);
      await this.audit.record({ actorId: actor.userId, action: 'assignment.updated', entityType: 'assignment', entityId: id, sowId: saved.sowId, before, after }, tx);
      if (override && override !== current.override) await this.recordOverride(actor, saved, override, tx);
      if (ANNOUNCED_STATUSES.includes(current.status)) await this.announce(saved, 'updated', current.status, tx);
      return after;
    });
  }

  async approve(actor: Actor, id: string, expectedVersion?: number): Promise<AssignmentView> {
    if (actor.role !== 'senior_manager') throw new DomainError('forbidden', 'Only a senior manager may approve an assignment');
    return this.tx.run(async (tx) => {
      const current = await this.lockAssignment(id, tx);
      assertVersion('assignment', current.version, expectedVersion);
      assertAssignmentTransition(current.status, 'approved');
      const before = toAssignmentView(current);
      const saved = await this.assignments.update(id, { status: 'approved', approvedBy: actor.userId, approvedAt: new Date() }, tx);
      const after = toAssignmentView(saved);
      await this.audit.record({ actorId: actor.userId, action: 'assignment.approved', entityType: 'assignment', entityId: id, sowId: saved.sowId, before, after }, tx);
      return after;
    });
  }

  async release(actor: Actor, id: string, reason: string, expectedVersion?: number): Promise<AssignmentView> {
    return this.tx.run(async (tx) => {
      const peek = await this.assignments.findById(id, tx);
      if (!peek) throw new DomainError('not_found', `Assignment ${id} not found`);
      const context = await this.lockContext(peek.scopeItemId, tx);
      assertCanStaff(actor, context);
      const current = await this.lockAssignment(id, tx);
      assertVersion('assignment', current.version, expectedVersion);
      assertAssignmentTransition(current.status, 'released');
      const before = toAssignmentView(current);
      const saved = await this.assignments.update(id, { status: 'released' }, tx);
      const after = toAssignmentView(saved);
      await this.audit.record(
        { actorId: actor.userId, action: 'assignment.released', entityType: 'assignment', entityId: id, sowId: saved.sowId, before, after: { ...after, reason } },
        tx,
      );
      if (ANNOUNCED_STATUSES.includes(current.status)) await this.announce(saved, 'released', current.status, tx, reason);
      return after;
    });
  }

  /**
   * Plan approval, inside its transaction: a planned assignment is written as the manual path writes one
   * (same locks, same rule book, same audit trail), proposed and then approved through the assignment
   * transitions. A plan carries no override, so a broken rule is a 422 and the approval writes nothing.
   */
  async createFromPlan(actor: Actor, planId: string, input: PlannedAssignmentInput, tx: Tx): Promise<AssignmentView> {
    const checked = await this.checkNew(actor, input, tx);
    if (checked.violations.length > 0) {
      throw new DomainError(
        'rule_violation',
        `The plan's ${input.role} assignment of engineer ${input.engineerId} on scope item ${input.scopeItemId} breaks: ${[...new Set(checked.violations.map((v) => v.rule))].join(', ')}`,
        violationDetails(checked.violations),
      );
    }
    const proposed = await this.insertProposed(actor, checked, input, { source: 'plan', locked: false, score: input.score, override: null, staffingPlanId: planId }, tx, input.reason);
    assertAssignmentTransition(proposed.status, 'approved');
    const saved = await this.assignments.update(proposed.id, { status: 'approved', approvedBy: actor.userId, approvedAt: new Date() }, tx);
    const after = toAssignmentView(saved);
    await this.audit.record({ actorId: actor.userId, action: 'assignment.approved', entityType: 'assignment', entityId: saved.id, sowId: saved.sowId, before: toAssignmentView(proposed), after }, tx);
    return after;
  }

  /** Plan approval, inside its transaction: releases an assignment the plan moves, as the release endpoint does. */
  async releaseFromPlan(actor: Actor, planId: string, assignmentId: string, tx: Tx): Promise<void> {
    const peek = await this.assignments.findById(assignmentId, tx);
    if (!peek || peek.status === 'released') return;
    await this.lockContext(peek.scopeItemId, tx);
    const current = await this.lockAssignment(assignmentId, tx);
    if (current.status === 'released') return;
    assertAssignmentTransition(current.status, 'released');
    const before = toAssignmentView(current);
    const saved = await this.assignments.update(assignmentId, { status: 'released' }, tx);
    const reason = `Moved by staffing plan ${planId}`;
    await this.audit.record(
      { actorId: actor.userId, action: 'assignment.released', entityType: 'assignment', entityId: assignmentId, sowId: saved.sowId, before, after: { ...toAssignmentView(saved), reason, staffingPlanId: planId } },
      tx,
    );
    if (ANNOUNCED_STATUSES.includes(current.status)) await this.announce(saved, 'released', current.status, tx, reason);
  }

  /**
   * Everything a new assignment is checked against, under the locks that make the check hold until
   * commit: the SOW row (team rule), then the engineer row, which serialises every capacity check of
   * this engineer, so two concurrent writes cannot both miss the other's hours.
   */
  private async checkNew(actor: Actor, input: NewAssignment, tx: Tx): Promise<CheckedAssignment> {
    const context = await this.lockContext(input.scopeItemId, tx);
    assertCanStaff(actor, context);
    assertStaffable(context);
    assertWithinItem(context, input.startDate, input.endDate);
    const profile = await this.lockProfile(input.engineerId, tx, 'engineerId');
    const engineer = await this.withHolidays(profile, { start: input.startDate, end: input.endDate }, tx);
    if (await this.assignments.findLiveOnItem(engineer.id, input.scopeItemId, tx)) {
      throw new DomainError('conflict', `Engineer ${engineer.id} is already assigned to scope item ${input.scopeItemId}`, [
        { field: 'engineerId', rule: 'uniquePerScopeItem', message: 'already assigned to this scope item (edit or release that assignment)' },
      ]);
    }
    // A secondary shares an item's hours with its team: only items that allow a team, up to their size.
    if (input.role === 'secondary' && (context.item.maxTeamSize <= 1 || (await this.assignments.liveTeamSize(input.scopeItemId, tx)) >= context.item.maxTeamSize)) {
      throw new DomainError('conflict', `Scope item ${input.scopeItemId} allows a team of ${context.item.maxTeamSize}: no room for a secondary`, [
        { field: 'role', rule: 'maxTeamSize', message: `the item's team is full (maxTeamSize ${context.item.maxTeamSize}); raise maxTeamSize or release a member` },
      ]);
    }
    const demand = this.demandOf(context, input);
    const bookings = await this.assignments.liveBookingsOf(engineer.id, tx);
    const team = (await this.assignments.teamOfSow(context.sow.id, tx)).filter((m) => m.status !== 'released');
    return { context, engineer, demand, bookings, violations: checkAssignmentRules({ engineer, demand, role: input.role, bookings, team }) };
  }

  private async insertProposed(
    actor: Actor,
    checked: CheckedAssignment,
    input: NewAssignment,
    origin: Pick<AssignmentEntity, 'source' | 'locked' | 'score' | 'override' | 'staffingPlanId'>,
    tx: Tx,
    reason?: string,
  ): Promise<AssignmentEntity> {
    const saved = await this.assignments.insert(
      {
        scopeItemId: input.scopeItemId,
        sowId: checked.context.sow.id,
        engineerId: checked.engineer.id,
        role: input.role,
        hoursPerWeek: input.hoursPerWeek,
        startDate: input.startDate,
        endDate: input.endDate,
        onsiteDays: input.onsiteDays,
        status: 'proposed',
        ...origin,
        createdBy: actor.userId,
        approvedBy: null,
        approvedAt: null,
      },
      tx,
    );
    const view = toAssignmentView(saved);
    await this.audit.record({ actorId: actor.userId, action: 'assignment.proposed', entityType: 'assignment', entityId: saved.id, sowId: saved.sowId, after: reason ? { ...view, reason } : view }, tx);
    return saved;
  }

  private demandOf(context: ScopeItemContext, a: { hoursPerWeek: number; startDate: string; endDate: string; onsiteDays: number }): ScopeItemDemand {
    return {
      id: context.item.id,
      sowId: context.sow.id,
      customerId: context.customer.id,
      start: a.startDate,
      end: a.endDate,
      hoursPerWeek: a.hoursPerWeek,
      minLevel: context.item.minLevel,
      requiredSkills: context.item.requiredSkills,
      onsiteDays: a.onsiteDays,
      requiredClearance: context.sow.requiredClearance,
    };
  }

  /**
   * No violations: no override needed (an earlier one is kept for the record). Violations all covered by
   * the stored override: still fine. Otherwise a senior manager's reason is needed, or the write is a 422.
   */
  private resolveOverride(actor: Actor, violations: readonly AssignmentRuleViolation[], reason: string | undefined, existing: StoredOverride | null): StoredOverride | null {
    if (violations.length === 0) return existing;
    const rules = [...new Set(violations.map((v) => v.rule))];
    if (reason === undefined) {
      if (existing && rules.every((r) => existing.rules.includes(r))) return existing;
      throw new DomainError('rule_violation', `The assignment breaks ${rules.length} rule(s): ${rules.join(', ')}`, violationDetails(violations));
    }
    return { rules, reason: reason.trim(), by: actor.userId, at: new Date().toISOString() };
  }

  private async recordOverride(actor: Actor, saved: AssignmentEntity, override: StoredOverride, tx: Tx): Promise<void> {
    await this.audit.record(
      { actorId: actor.userId, action: 'assignment.rules_overridden', entityType: 'assignment', entityId: saved.id, sowId: saved.sowId, after: { override } },
      tx,
    );
  }

  private async announce(saved: AssignmentEntity, change: 'updated' | 'released', previousStatus: AssignmentStatus, tx: Tx, reason?: string): Promise<void> {
    await this.audit.publish(assignmentChangedEvent(saved, change, previousStatus, reason), tx);
  }

  /** Loads the item and locks its SOW row: team-rule checks of one SOW run one at a time. */
  private async lockContext(scopeItemId: string, tx: Tx): Promise<ScopeItemContext> {
    const context = await this.assignments.scopeItemContext(scopeItemId, tx);
    if (!context) throw new DomainError('not_found', `Scope item ${scopeItemId} not found`);
    await tx.query(`SELECT 1 FROM sows WHERE id = $1 FOR UPDATE`, [context.sow.id]);
    return context;
  }

  private async lockAssignment(id: string, tx: Tx): Promise<AssignmentEntity> {
    const found = await this.assignments.findById(id, tx, { lock: true });
    if (!found) throw new DomainError('not_found', `Assignment ${id} not found`);
    return found;
  }

  /** Public holidays and company days off as days away around the assignment's dates, as everywhere else. */
  private async withHolidays(profile: EngineerProfile & CalendarHolder, window: DateRange, tx: Tx): Promise<EngineerProfile> {
    return (await this.calendars.load(tx)).apply(profile, calendarWindow(window));
  }

  private async lockProfile(engineerId: string, tx: Tx, field: string): Promise<EngineerProfile & CalendarHolder> {
    const row = await this.engineers.findById(engineerId, tx, { lock: true });
    if (!row) throw new DomainError('validation_failed', `Engineer ${engineerId} does not exist`, [{ field, rule: 'exists', message: 'no such engineer' }]);
    const skills = await this.engineers.skillsOf(engineerId, tx);
    const timeOff = await this.timeOff.listByEngineer(engineerId, tx);
    return {
      id: row.id,
      level: row.level,
      leadCapable: row.leadCapable,
      active: row.active,
      billable: row.billable,
      clearance: row.clearance,
      skills,
      region: row.region,
      timezone: row.timezone,
      weeklyCapacityHours: row.weeklyCapacityHours,
      utilizationTarget: row.utilizationTarget,
      maxUtilization: row.maxUtilization,
      travelLimit: row.travelLimit,
      timeOff: timeOff.map((t) => ({ start: t.startDate, end: t.endDate })),
      country: row.country,
      subdivision: row.subdivision,
    };
  }
}
