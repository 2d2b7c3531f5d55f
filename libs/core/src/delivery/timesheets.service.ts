import { Injectable } from '@nestjs/common';
import {
  addDays,
  assertVersion,
  compareDates,
  DomainError,
  DomainErrorDetail,
  IsoDate,
  listWorkingDays,
  TimesheetStatus,
} from '@sow/domain';
import { domainEvent } from '@sow/domain';
import {
  AssignmentEntity,
  AssignmentsRepository,
  AuditRepository,
  DeliveryQueriesRepository,
  EngineersRepository,
  NewTimesheetEntry,
  SowsRepository,
  TimesheetEntity,
  TimesheetEntriesRepository,
  TimesheetEntryEntity,
  TimesheetsRepository,
  TransactionRunner,
  Tx,
} from '@sow/persistence';
import { Actor, Page } from '../shared/actor';
import { rethrowUniqueViolation } from '../shared/unique-violation';
import { DeliveryHealthService } from './delivery-health.service';
import {
  assertMonday,
  CsvLineError,
  EDITABLE_TIMESHEET_STATUSES,
  futureDateError,
  hasAtMostTwoDecimals,
  lineError,
  MAX_HOURS_PER_DAY,
  weekStartOf,
  parseTimesheetCsv,
  spreadHours,
  todayIn,
  weekEndOf,
} from './timesheet-rules';

export interface TimesheetEntryView {
  id: string;
  assignmentId: string;
  scopeItemId: string;
  sowId: string;
  date: string;
  hours: number;
  billable: boolean;
  note: string | null;
  reversesEntryId: string | null;
  createdAt: string;
}

export interface TimesheetView {
  id: string;
  engineerId: string;
  weekStart: string;
  weekEnd: string;
  status: TimesheetStatus;
  submittedAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  returnReason: string | null;
  totalHours: number;
  billableHours: number;
  version: number;
}

export interface TimesheetDetailView extends TimesheetView {
  entries: TimesheetEntryView[];
}

export interface LogHoursInput {
  assignmentId: string;
  /** One day; without it the hours are spread over the week's working days inside the assignment. */
  date?: string;
  hours: number;
  /** Defaults to true, false for a shadow assignment. */
  billable?: boolean;
  note?: string;
}

export interface ReverseEntryInput {
  entryId: string;
  /** The corrected hours for the same day, logged with the reversal; none reverses the entry outright. */
  replacementHours?: number;
  note?: string;
}

export interface MissingTimesheetsView {
  weekStart: string;
  weekEnd: string;
  items: Array<{ engineerId: string; name: string; email: string; region: string; timesheetId: string | null; status: TimesheetStatus | null }>;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const LOGGABLE_ASSIGNMENT = ['approved', 'active'];
const today = (): string => new Date().toISOString().slice(0, 10);

function toEntryView(e: TimesheetEntryEntity): TimesheetEntryView {
  return {
    id: e.id,
    assignmentId: e.assignmentId,
    scopeItemId: e.scopeItemId,
    sowId: e.sowId,
    date: e.workDate,
    hours: e.hours,
    billable: e.billable,
    note: e.note,
    reversesEntryId: e.reversesEntryId,
    createdAt: new Date(e.createdAt).toISOString(),
  };
}

function toView(t: TimesheetEntity, entries: readonly TimesheetEntryEntity[]): TimesheetView {
  return {
    id: t.id,
    engineerId: t.engineerId,
    weekStart: t.weekStart,
    weekEnd: weekEndOf(t.weekStart),
    status: t.status,
    submittedAt: t.submittedAt ? new Date(t.submittedAt).toISOString() : null,
    decidedBy: t.decidedBy,
    decidedAt: t.decidedAt ? new Date(t.decidedAt).toISOString() : null,
    returnReason: t.returnReason,
    totalHours: round2(entries.reduce((s, e) => s + e.hours, 0)),
    billableHours: round2(entries.filter((e) => e.billable).reduce((s, e) => s + e.hours, 0)),
    version: t.version,
  };
}

function notFound(id: string): DomainError {
  return new DomainError('not_found', `Timesheet ${id} not found`);
}

function invalid(field: string, rule: string, message: string): DomainError {
  return new DomainError('validation_failed', message, [{ field, rule, message }]);
}

function assertHours(hours: number, field: string): void {
  if (!Number.isFinite(hours) || hours < 0.01 || hours > MAX_HOURS_PER_DAY * 7 || !hasAtMostTwoDecimals(hours)) {
    throw invalid(field, 'isHours', `${field} must be above 0 with at most 2 decimals`);
  }
}

/** Engineers reach only their own timesheets; anyone else's is 404 to them. */
function assertCanSee(actor: Actor, t: TimesheetEntity): void {
  if (actor.role === 'engineer' && actor.engineerId !== t.engineerId) throw notFound(t.id);
}

function assertEditable(t: TimesheetEntity): void {
  if (!EDITABLE_TIMESHEET_STATUSES.includes(t.status)) {
    throw new DomainError('conflict', `Timesheet ${t.id} is ${t.status}; only an open or returned week takes entries`, [
      { field: 'status', rule: `isIn: ${EDITABLE_TIMESHEET_STATUSES.join(', ')}`, message: `status is ${t.status}` },
    ]);
  }
}

function assertStatus(t: TimesheetEntity, allowed: readonly TimesheetStatus[], to: TimesheetStatus): void {
  if (!allowed.includes(t.status)) {
    throw new DomainError('illegal_transition', `Timesheet ${t.id} is ${t.status}; cannot move to ${to}`, [{ field: 'status', rule: `isIn: ${allowed.join(', ')}`, message: `status is ${t.status}` }]);
  }
}

/** Timesheets: log, correct by reversal, submit, return, approve; CSV import; who has not submitted. */
@Injectable()
export class TimesheetsService {
  constructor(
    private readonly timesheets: TimesheetsRepository,
    private readonly entries: TimesheetEntriesRepository,
    private readonly queries: DeliveryQueriesRepository,
    private readonly assignments: AssignmentsRepository,
    private readonly engineers: EngineersRepository,
    private readonly sows: SowsRepository,
    private readonly health: DeliveryHealthService,
    private readonly audit: AuditRepository,
    private readonly tx: TransactionRunner,
  ) {}

  async create(actor: Actor, input: { weekStart: string; engineerId?: string }): Promise<TimesheetDetailView> {
    assertMonday(input.weekStart);
    const engineerId = this.ownerFor(actor, input.engineerId);
    return this.tx.run(async (tx) => {
      if (!(await this.engineers.findById(engineerId, tx))) throw new DomainError('not_found', `Engineer ${engineerId} not found`);
      if (await this.timesheets.findByEngineerWeek(engineerId, input.weekStart, tx)) {
        throw new DomainError('conflict', `Engineer ${engineerId} already has a timesheet for the week of ${input.weekStart}`, [{ field: 'weekStart', rule: 'uniquePerEngineer', message: 'one timesheet per engineer and week' }]);
      }
      const saved = await this.timesheets
        .insert({ engineerId, weekStart: input.weekStart, status: 'open' }, tx)
        .catch((error: unknown) => rethrowUniqueViolation(error, 'weekStart', 'one timesheet per engineer and week'));
      await this.audit.record({ actorId: actor.userId, action: 'timesheet.created', entityType: 'timesheet', entityId: saved.id, after: toView(saved, []) }, tx);
      return { ...toView(saved, []), entries: [] };
    });
  }

  async get(actor: Actor, id: string): Promise<TimesheetDetailView> {
    const t = await this.timesheets.findById(id);
    if (!t) throw notFound(id);
    assertCanSee(actor, t);
    return this.detail(t);
  }

  async list(actor: Actor, filter: { engineerId?: string; weekStart?: string; status?: TimesheetStatus; limit: number; offset: number }): Promise<Page<TimesheetView>> {
    if (actor.role === 'engineer') {
      if (!actor.engineerId || (filter.engineerId !== undefined && filter.engineerId !== actor.engineerId)) throw new DomainError('not_found', `Engineer ${filter.engineerId ?? ''} not found`);
      filter = { ...filter, engineerId: actor.engineerId };
    }
    const page = await this.timesheets.list(filter);
    const totals = await this.entries.totalsOf(page.items.map((t) => t.id));
    return { items: page.items.map((t) => ({ ...toView(t, []), ...(totals.get(t.id) ?? { totalHours: 0, billableHours: 0 }) })), total: page.total };
  }

  async logHours(actor: Actor, id: string, input: LogHoursInput, expectedVersion?: number): Promise<TimesheetDetailView> {
    assertHours(input.hours, 'hours');
    return this.tx.run(async (tx) => {
      const t = await this.lockVisible(actor, id, tx);
      assertVersion('timesheet', t.version, expectedVersion);
      assertEditable(t);
      const assignment = await this.loggableAssignment(t, input.assignmentId, tx, 'assignmentId');
      const weekEnd = weekEndOf(t.weekStart);
      let days: Array<{ date: IsoDate; hours: number }>;
      const today = await this.todayOf(t.engineerId, tx);
      if (input.date !== undefined) {
        if (compareDates(input.date, t.weekStart) < 0 || compareDates(input.date, weekEnd) > 0) throw invalid('date', 'inWeek', `date ${input.date} is outside the week ${t.weekStart} – ${weekEnd}`);
        if (!this.inAssignment(assignment, input.date)) throw invalid('date', 'inAssignment', `date ${input.date} is outside the assignment (${assignment.startDate} – ${assignment.endDate})`);
        const future = futureDateError(input.date, today);
        if (future) throw invalid('date', 'notInFuture', future);
        days = [{ date: input.date, hours: input.hours }];
      } else {
        const workingDays = listWorkingDays({ start: t.weekStart, end: weekEnd }).filter((d) => this.inAssignment(assignment, d));
        if (workingDays.length === 0) throw invalid('date', 'inAssignment', `the assignment has no working day in the week of ${t.weekStart}; give a date`);
        // A week's hours spread over its working days so far: never onto a day not yet worked.
        const worked = workingDays.filter((d) => futureDateError(d, today) === null);
        if (worked.length === 0) throw invalid('date', 'notInFuture', `the week of ${t.weekStart} has no working day in the assignment up to today (${today}); hours are logged for days already worked`);
        days = spreadHours(input.hours, worked);
      }
      await this.assertDailyLimit(t.engineerId, days, tx);
      const billable = input.billable ?? assignment.role !== 'shadow';
      await this.entries.insertMany(days.map((d) => this.entry(actor, t, assignment, d.date, d.hours, billable, input.note ?? null, null)), tx);
      return this.touch(actor, t, 'timesheet.hours_logged', tx, { assignmentId: assignment.id, days });
    });
  }

  /**
   * A correction: a negative entry that cancels `entryId` (in any of the engineer's weeks, approved ones
   * included), logged in this open week with the original's day, and optionally the corrected hours.
   */
  async reverse(actor: Actor, id: string, input: ReverseEntryInput, expectedVersion?: number): Promise<TimesheetDetailView> {
    if (input.replacementHours !== undefined) assertHours(input.replacementHours, 'replacementHours');
    return this.tx.run(async (tx) => {
      const t = await this.lockVisible(actor, id, tx);
      assertVersion('timesheet', t.version, expectedVersion);
      assertEditable(t);
      const original = await this.entries.findById(input.entryId, tx);
      if (!original || original.engineerId !== t.engineerId) throw new DomainError('not_found', `Timesheet entry ${input.entryId} not found`, [{ field: 'entryId', rule: 'exists', message: 'no such entry of this engineer' }]);
      if (original.reversesEntryId !== null) throw invalid('entryId', 'notAReversal', 'a reversal cannot itself be reversed; log new hours instead');
      const existing = await tx.getRepository(TimesheetEntryEntity).findOne({ where: { reversesEntryId: original.id } });
      if (existing) throw new DomainError('conflict', `Entry ${original.id} is already reversed (by ${existing.id})`, [{ field: 'entryId', rule: 'reversedOnce', message: 'already reversed' }]);
      const assignment = await this.assignments.findById(original.assignmentId, tx);
      if (!assignment) throw new DomainError('not_found', `Assignment ${original.assignmentId} not found`);
      const rows: NewTimesheetEntry[] = [this.entry(actor, t, assignment, original.workDate, -original.hours, original.billable, input.note ?? null, original.id)];
      if (input.replacementHours !== undefined) {
        await this.assertDailyLimit(t.engineerId, [{ date: original.workDate, hours: input.replacementHours - original.hours }], tx);
        rows.push(this.entry(actor, t, assignment, original.workDate, input.replacementHours, original.billable, input.note ?? null, null));
      }
      await this.entries.insertMany(rows, tx).catch((error: unknown) => rethrowUniqueViolation(error, 'entryId', `entry ${original.id} is already reversed`));
      return this.touch(actor, t, 'timesheet.entry_reversed', tx, { entryId: original.id, replacementHours: input.replacementHours ?? null });
    });
  }

  async submit(actor: Actor, id: string, expectedVersion?: number): Promise<TimesheetDetailView> {
    return this.transition(actor, id, expectedVersion, ['open', 'returned'], 'submitted', async () => ({ submittedAt: new Date() }));
  }

  async approve(actor: Actor, id: string, expectedVersion?: number): Promise<TimesheetDetailView> {
    return this.transition(actor, id, expectedVersion, ['submitted'], 'approved', async (t, tx) => {
      const sowIds = await this.assertApprover(actor, t, tx);
      const after = async (innerTx: Tx): Promise<void> => {
        await this.queries.rollUpApproved([t.id], innerTx);
        await this.health.refresh(sowIds, innerTx);
      };
      return { decidedBy: actor.userId, decidedAt: new Date(), returnReason: null, after };
    });
  }

  async return(actor: Actor, id: string, reason: string, expectedVersion?: number): Promise<TimesheetDetailView> {
    if (reason.trim() === '') throw invalid('reason', 'isNotBlank', 'a returned timesheet needs a reason');
    return this.transition(actor, id, expectedVersion, ['submitted'], 'returned', async (t, tx) => {
      await this.assertApprover(actor, t, tx);
      return { decidedBy: actor.userId, decidedAt: new Date(), returnReason: reason };
    });
  }

  /**
   * Imports rows of assignmentId,date,hours[,billable,note] into the engineers' open weeks (created when
   * missing), all or nothing: any bad line refuses the whole file with every problem by line and column.
   */
  async importCsv(actor: Actor, text: string): Promise<{ created: number; timesheets: number }> {
    const parsed = parseTimesheetCsv(text);
    if (parsed.errors.length > 0 && parsed.rows.length === 0) throw csvError(parsed.errors);
    return this.tx.run(async (tx) => {
      const errors: CsvLineError[] = [...parsed.errors];
      const assignments = new Map<string, AssignmentEntity | null>();
      for (const id of new Set(parsed.rows.map((r) => r.assignmentId))) assignments.set(id, await this.assignments.findById(id, tx));
      const weeks = new Map<string, TimesheetEntity>();
      const perDay = new Map<string, number>();
      const todays = new Map<string, IsoDate>();
      const rows: Array<{ key: string; assignment: AssignmentEntity; date: string; hours: number; billable: boolean; note: string | null }> = [];
      for (const row of parsed.rows) {
        const a = assignments.get(row.assignmentId);
        if (!a || !LOGGABLE_ASSIGNMENT.includes(a.status)) {
          errors.push(lineError(row.line, 'assignmentId', 'isLoggable', `assignment ${row.assignmentId} does not exist or is not approved or active`));
          continue;
        }
        if (!this.inAssignment(a, row.date)) {
          errors.push(lineError(row.line, 'date', 'inAssignment', `date ${row.date} is outside the assignment (${a.startDate} – ${a.endDate})`));
          continue;
        }
        if (!todays.has(a.engineerId)) todays.set(a.engineerId, await this.todayOf(a.engineerId, tx));
        const future = futureDateError(row.date, todays.get(a.engineerId) as IsoDate);
        if (future) {
          errors.push(lineError(row.line, 'date', 'notInFuture', future));
          continue;
        }
        const key = `${a.engineerId}/${weekStartOf(row.date)}`;
        if (!weeks.has(key)) {
          const found = await this.timesheets.findByEngineerWeek(a.engineerId, weekStartOf(row.date), tx);
          weeks.set(key, found ?? Object.assign(new TimesheetEntity(), { id: '', engineerId: a.engineerId, weekStart: weekStartOf(row.date), status: 'open' as const }));
        }
        const week = weeks.get(key) as TimesheetEntity;
        if (!EDITABLE_TIMESHEET_STATUSES.includes(week.status)) {
          errors.push(lineError(row.line, 'date', 'weekEditable', `the week of ${week.weekStart} is ${week.status} for this engineer; correct it by reversal`));
          continue;
        }
        const dayKey = `${a.engineerId}/${row.date}`;
        perDay.set(dayKey, (perDay.get(dayKey) ?? 0) + row.hours);
        rows.push({ key, assignment: a, date: row.date, hours: row.hours, billable: row.billable ?? a.role !== 'shadow', note: row.note });
      }
      for (const [dayKey, hours] of perDay) {
        const [engineerId, date] = dayKey.split('/');
        const logged = (await this.entries.hoursPerDay(engineerId, date, date, tx)).get(date) ?? 0;
        if (logged + hours > MAX_HOURS_PER_DAY) {
          const line = parsed.rows.find((r) => r.date === date && assignments.get(r.assignmentId)?.engineerId === engineerId)?.line ?? 1;
          errors.push(lineError(line, 'hours', `max: ${MAX_HOURS_PER_DAY} per day`, `engineer ${engineerId} would have ${round2(logged + hours)} h on ${date}`));
        }
      }
      if (errors.length > 0) throw csvError(errors);
      for (const [key, week] of weeks) {
        if (week.id === '') weeks.set(key, await this.timesheets.insert({ engineerId: week.engineerId, weekStart: week.weekStart, status: 'open' }, tx));
      }
      await this.entries.insertMany(
        rows.map((r) => this.entry(actor, weeks.get(r.key) as TimesheetEntity, r.assignment, r.date, r.hours, r.billable, r.note, null)),
        tx,
      );
      for (const week of weeks.values()) {
        await this.timesheets.update(week.id, {}, tx);
        await this.audit.record({ actorId: actor.userId, action: 'timesheet.imported', entityType: 'timesheet', entityId: week.id, after: { rows: rows.filter((r) => r.key === `${week.engineerId}/${week.weekStart}`).length } }, tx);
      }
      return { created: rows.length, timesheets: weeks.size };
    });
  }

  /** Who has not submitted the week (default: last week): active engineers with live work that week and no submitted or approved timesheet. */
  async missing(weekStart?: string): Promise<MissingTimesheetsView> {
    const week = weekStart ?? weekStartOf(addDays(today(), -7));
    assertMonday(week);
    return { weekStart: week, weekEnd: weekEndOf(week), items: await this.queries.missingTimesheets(week, weekEndOf(week)) };
  }

  /**
   * Writes one timesheet.missing outbox event per engineer still missing the week; engineers already
   * reminded for it are skipped. `actor` null: the Monday scheduler.
   */
  async remindMissing(actor: Actor | null, weekStart?: string): Promise<{ weekStart: string; reminded: number; alreadyReminded: number }> {
    const report = await this.missing(weekStart);
    return this.tx.run(async (tx) => {
      const done = await this.queries.alreadyReminded(report.weekStart, tx);
      let reminded = 0;
      for (const row of report.items) {
        if (done.has(row.engineerId)) continue;
        await this.audit.publish(domainEvent('timesheet.missing', row.engineerId, { engineerId: row.engineerId, weekStart: report.weekStart, status: row.status, requestedBy: actor?.userId ?? null }), tx);
        reminded += 1;
      }
      return { weekStart: report.weekStart, reminded, alreadyReminded: report.items.length - reminded };
    });
  }

  private ownerFor(actor: Actor, engineerId: string | undefined): string {
    if (actor.role === 'engineer') {
      if (!actor.engineerId || (engineerId !== undefined && engineerId !== actor.engineerId)) throw new DomainError('not_found', `Engineer ${engineerId ?? ''} not found`);
      return actor.engineerId;
    }
    if (!engineerId) throw invalid('engineerId', 'isDefined', 'engineerId is required when a manager opens a timesheet');
    return engineerId;
  }

  private async lockVisible(actor: Actor, id: string, tx: Tx): Promise<TimesheetEntity> {
    const t = await this.timesheets.findById(id, tx, { lock: true });
    if (!t) throw notFound(id);
    assertCanSee(actor, t);
    return t;
  }

  /** The last day the engineer may log hours for (see todayIn). */
  private async todayOf(engineerId: string, tx: Tx): Promise<IsoDate> {
    const engineer = await this.engineers.findById(engineerId, tx);
    return todayIn(engineer?.timezone ?? 'UTC', new Date());
  }

  private inAssignment(a: AssignmentEntity, date: IsoDate): boolean {
    return compareDates(date, a.startDate) >= 0 && compareDates(date, a.endDate) <= 0;
  }

  private async loggableAssignment(t: TimesheetEntity, assignmentId: string, tx: Tx, field: string): Promise<AssignmentEntity> {
    const a = await this.assignments.findById(assignmentId, tx);
    if (!a || a.engineerId !== t.engineerId) throw new DomainError('not_found', `Assignment ${assignmentId} not found`, [{ field, rule: 'ownAssignment', message: 'no such assignment of this engineer' }]);
    if (!LOGGABLE_ASSIGNMENT.includes(a.status)) {
      throw new DomainError('rule_violation', `Assignment ${assignmentId} is ${a.status}; hours are logged on approved or active assignments`, [{ field, rule: 'isLoggable', message: `status is ${a.status}` }]);
    }
    return a;
  }

  private async assertDailyLimit(engineerId: string, days: ReadonlyArray<{ date: IsoDate; hours: number }>, tx: Tx): Promise<void> {
    const dates = days.map((d) => d.date).sort();
    const logged = await this.entries.hoursPerDay(engineerId, dates[0], dates[dates.length - 1], tx);
    const problems: DomainErrorDetail[] = days
      .filter((d) => (logged.get(d.date) ?? 0) + d.hours > MAX_HOURS_PER_DAY)
      .map((d) => ({ field: 'hours', rule: `max: ${MAX_HOURS_PER_DAY} per day`, message: `${d.date} would have ${round2((logged.get(d.date) ?? 0) + d.hours)} h` }));
    if (problems.length > 0) throw new DomainError('validation_failed', `More than ${MAX_HOURS_PER_DAY} hours on a day`, problems);
  }

  private entry(actor: Actor, t: TimesheetEntity, a: AssignmentEntity, date: IsoDate, hours: number, billable: boolean, note: string | null, reverses: string | null): NewTimesheetEntry {
    return { timesheetId: t.id, engineerId: t.engineerId, assignmentId: a.id, scopeItemId: a.scopeItemId, sowId: a.sowId, workDate: date, hours, billable, note, reversesEntryId: reverses, createdBy: actor.userId };
  }

  /** Only a senior manager, or the engagement manager of a SOW the week has hours on, approves or returns it. */
  private async assertApprover(actor: Actor, t: TimesheetEntity, tx: Tx): Promise<string[]> {
    // Four eyes: a manager who also logs hours (a senior manager is an engineer record too) never approves their own week.
    if (actor.engineerId !== null && actor.engineerId === t.engineerId) throw new DomainError('forbidden', 'You cannot approve or return your own timesheet');
    const sowIds = [...new Set((await this.entries.listByTimesheet(t.id, tx)).map((e) => e.sowId))];
    if (actor.role === 'senior_manager') return sowIds;
    if (actor.role === 'engagement_manager') {
      for (const sowId of sowIds) if ((await this.sows.findById(sowId, tx))?.engagementManagerId === actor.userId) return sowIds;
    }
    throw new DomainError('forbidden', 'Only a senior manager or the engagement manager of a SOW on this timesheet may approve or return it');
  }

  private async transition(
    actor: Actor,
    id: string,
    expectedVersion: number | undefined,
    from: readonly TimesheetStatus[],
    to: TimesheetStatus,
    changes: (t: TimesheetEntity, tx: Tx) => Promise<Partial<Pick<TimesheetEntity, 'submittedAt' | 'decidedBy' | 'decidedAt' | 'returnReason'>> & { after?: (tx: Tx) => Promise<void> }>,
  ): Promise<TimesheetDetailView> {
    return this.tx.run(async (tx) => {
      const t = await this.lockVisible(actor, id, tx);
      assertVersion('timesheet', t.version, expectedVersion);
      assertStatus(t, from, to);
      const { after, ...columns } = await changes(t, tx);
      const saved = await this.timesheets.update(id, { ...columns, status: to }, tx);
      if (after) await after(tx);
      const view = await this.detail(saved, tx);
      await this.audit.record({ actorId: actor.userId, action: `timesheet.${to}`, entityType: 'timesheet', entityId: id, before: toView(t, []), after: { ...view, entries: undefined } }, tx);
      return view;
    });
  }

  private async touch(actor: Actor, t: TimesheetEntity, action: string, tx: Tx, detail: object): Promise<TimesheetDetailView> {
    const saved = await this.timesheets.update(t.id, {}, tx);
    await this.audit.record({ actorId: actor.userId, action, entityType: 'timesheet', entityId: t.id, after: detail }, tx);
    return this.detail(saved, tx);
  }

  private async detail(t: TimesheetEntity, tx?: Tx): Promise<TimesheetDetailView> {
    const entries = await this.entries.listByTimesheet(t.id, tx);
    return { ...toView(t, entries), entries: entries.map(toEntryView) };
  }
}

function csvError(errors: readonly CsvLineError[]): DomainError {
  const lines = [...new Set(errors.map((e) => e.line))].sort((a, b) => a - b);
  return new DomainError('validation_failed', `The CSV has ${errors.length} problem(s) on line(s) ${lines.join(', ')}; nothing was imported`, errors);
}

