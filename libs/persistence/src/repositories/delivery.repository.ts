import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { ActualLine, EventType, HealthStatus, Level, RatePeriod, TimesheetStatus } from '@sow/domain';
import { AssignmentEntity } from '../entities/assignment.entity';
import { SowEntity } from '../entities/sow.entity';
import { ScopeItemForecastEntity, SowCsatEntity, SowHealthEntity, TimesheetEntity, TimesheetEntryEntity } from '../entities/delivery.entity';
import { BaseRepository, Tx } from './base.repository';

export interface TimesheetFilter {
  engineerId?: string;
  weekStart?: string;
  status?: TimesheetStatus;
  limit: number;
  offset: number;
}

@Injectable()
export class TimesheetsRepository extends BaseRepository<TimesheetEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, TimesheetEntity);
  }

  findByEngineerWeek(engineerId: string, weekStart: string, tx?: Tx): Promise<TimesheetEntity | null> {
    return this.repo(tx).findOne({ where: { engineerId, weekStart } });
  }

  async list(filter: TimesheetFilter): Promise<{ items: TimesheetEntity[]; total: number }> {
    const where = {
      ...(filter.engineerId ? { engineerId: filter.engineerId } : {}),
      ...(filter.weekStart ? { weekStart: filter.weekStart } : {}),
      ...(filter.status ? { status: filter.status } : {}),
    };
    const [items, total] = await this.repo().findAndCount({ where, order: { weekStart: 'DESC', id: 'ASC' }, take: filter.limit, skip: filter.offset });
    return { items, total };
  }
}

export interface NewTimesheetEntry {
  timesheetId: string;
  engineerId: string;
  assignmentId: string;
  scopeItemId: string;
  sowId: string;
  workDate: string;
  hours: number;
  billable: boolean;
  note: string | null;
  reversesEntryId: string | null;
  createdBy: string | null;
}

@Injectable()
export class TimesheetEntriesRepository extends BaseRepository<TimesheetEntryEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, TimesheetEntryEntity);
  }

  listByTimesheet(timesheetId: string, tx?: Tx): Promise<TimesheetEntryEntity[]> {
    return this.repo(tx).find({ where: { timesheetId }, order: { workDate: 'ASC', createdAt: 'ASC', id: 'ASC' } });
  }

  /** Total and billable hours per timesheet, reversals netted, in one query (list pages). */
  async totalsOf(timesheetIds: readonly string[]): Promise<Map<string, { totalHours: number; billableHours: number }>> {
    if (timesheetIds.length === 0) return new Map();
    const rows: Array<{ timesheet_id: string; total: string; billable: string }> = await this.dataSource.query(
      `SELECT timesheet_id, sum(hours) AS total, COALESCE(sum(hours) FILTER (WHERE billable), 0) AS billable FROM timesheet_entries WHERE timesheet_id = ANY($1::uuid[]) GROUP BY timesheet_id`,
      [[...timesheetIds]],
    );
    return new Map(rows.map((r) => [r.timesheet_id, { totalHours: Number(r.total), billableHours: Number(r.billable) }]));
  }

  /** Hours already logged per day by the engineer in [from, to], every timesheet, reversals netted. */
  async hoursPerDay(engineerId: string, from: string, to: string, tx: Tx): Promise<Map<string, number>> {
    const rows: Array<{ day: string; hours: string }> = await tx.query(
      `SELECT to_char(work_date, 'YYYY-MM-DD') AS day, sum(hours) AS hours FROM timesheet_entries WHERE engineer_id = $1 AND work_date BETWEEN $2 AND $3 GROUP BY work_date`,
      [engineerId, from, to],
    );
    return new Map(rows.map((r) => [r.day, Number(r.hours)]));
  }

  async insertMany(rows: readonly NewTimesheetEntry[], tx: Tx): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await this.repo(tx).insert(rows.slice(i, i + 500));
  }
}

/** An approved line with the scope item it was worked on. */
export interface ItemActualLine extends ActualLine {
  scopeItemId: string;
}

export interface MissingTimesheetRow {
  engineerId: string;
  name: string;
  email: string;
  region: string;
  timesheetId: string | null;
  status: TimesheetStatus | null;
}

export interface MetricsActualRow {
  engineerId: string;
  currency: string;
  level: Level;
  /** The rate period's first day; null when the currency has no rate card. */
  rateFrom: string | null;
  billableHours: number;
  hours: number;
}

export interface MetricsFilter {
  from: string;
  to: string;
  region?: string;
  level?: Level;
  customerId?: string;
}

export interface MetricsEngineerRow {
  engineerId: string;
  name: string;
  level: Level;
  region: string;
  weeklyCapacityHours: number;
  utilizationTarget: number;
  /** Where the engineer's public holidays come from (the working calendar). */
  country: string | null;
  subdivision: string | null;
}

export interface MetricsPlannedRow {
  engineerId: string;
  hoursPerWeek: number;
  startDate: string;
  endDate: string;
}

export interface CompletedSowRow {
  sowId: string;
  /** The committed end date. */
  endDate: string;
  /** The day the SOW was marked completed (UTC). */
  completedOn: string | null;
  items: Array<{ committedEnd: string; actualFinish: string | null }>;
  budgetHours: number;
  actualHours: number;
  csat: number | null;
}

export interface HealthInboxRow {
  sowId: string;
  title: string;
  customerName: string;
  status: HealthStatus;
  previousStatus: HealthStatus | null;
  reasons: string[];
  changedAt: Date;
}

const APPROVED_LINES_SQL = `
  SELECT te.scope_item_id, to_char(te.work_date, 'YYYY-MM-DD') AS day, te.billable, e.level, sum(te.hours) AS hours
  FROM timesheet_entries te
  JOIN timesheets t ON t.id = te.timesheet_id AND t.status = 'approved'
  JOIN engineers e ON e.id = te.engineer_id
  WHERE te.sow_id = $1
  GROUP BY te.scope_item_id, te.work_date, te.billable, e.level`;

// From the monthly rollup: a quarter is a few thousand rows whatever the number of entries.
const METRICS_ACTUALS_SQL = `
  SELECT m.engineer_id, s.currency, e.level, CASE WHEN m.rate_from = DATE '0001-01-01' THEN NULL ELSE to_char(m.rate_from, 'YYYY-MM-DD') END AS rate_from,
         sum(m.billable_hours) AS billable_hours, sum(m.hours) AS hours
  FROM approved_actuals_monthly m
  JOIN engineers e ON e.id = m.engineer_id
  JOIN sows s ON s.id = m.sow_id
  WHERE m.month BETWEEN date_trunc('month', $1::date) AND $2::date
    AND ($3::text IS NULL OR e.region = $3) AND ($4::text IS NULL OR e.level::text = $4) AND ($5::uuid IS NULL OR s.customer_id = $5)
  GROUP BY m.engineer_id, s.currency, e.level, m.rate_from`;

/**
 * Adds the entries of approved timesheets to the rollups (approved_actuals_monthly, sow_actuals); with
 * null, of every approved timesheet (backfills into empty rollups). Run once per timesheet, at approval.
 */
export const ROLL_UP_APPROVED_SQL = `
  WITH picked AS (
    SELECT te.* FROM timesheet_entries te JOIN timesheets t ON t.id = te.timesheet_id AND t.status = 'approved'
    WHERE $1::uuid[] IS NULL OR te.timesheet_id = ANY($1::uuid[])
  ), monthly AS (
    INSERT INTO approved_actuals_monthly (engineer_id, sow_id, month, rate_from, billable_hours, hours)
    SELECT p.engineer_id, p.sow_id, date_trunc('month', p.work_date)::date,
           COALESCE((SELECT max(h.effective_from) FROM rate_card_history h WHERE h.currency = s.currency AND h.effective_from <= p.work_date), DATE '0001-01-01'),
           COALESCE(sum(p.hours) FILTER (WHERE p.billable), 0), sum(p.hours)
    FROM picked p JOIN sows s ON s.id = p.sow_id
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (engineer_id, sow_id, month, rate_from) DO UPDATE
      SET billable_hours = approved_actuals_monthly.billable_hours + EXCLUDED.billable_hours, hours = approved_actuals_monthly.hours + EXCLUDED.hours
  )
  INSERT INTO sow_actuals (sow_id, approved_hours, last_work_date)
  SELECT sow_id, sum(hours), max(work_date) FROM picked GROUP BY sow_id
  ON CONFLICT (sow_id) DO UPDATE
    SET approved_hours = sow_actuals.approved_hours + EXCLUDED.approved_hours, last_work_date = GREATEST(sow_actuals.last_work_date, EXCLUDED.last_work_date)`;

const TOUCHED_ITEMS = `SELECT DISTINCT te.scope_item_id FROM timesheet_entries te WHERE $1::uuid[] IS NULL OR te.timesheet_id = ANY($1::uuid[])`;

/** The finish of the items the approved timesheets touched is recomputed from scratch (a reversal can move it back). */
const DELETE_TOUCHED_FINISH_SQL = `DELETE FROM scope_item_finish WHERE scope_item_id IN (${TOUCHED_ITEMS})`;

/** Each touched item's last day with net positive approved hours (scope_item_finish). */
export const ROLL_UP_FINISH_SQL = `
  INSERT INTO scope_item_finish (scope_item_id, sow_id, finish_date)
  SELECT d.scope_item_id, d.sow_id, max(d.work_date) FROM (
    SELECT te.scope_item_id, te.sow_id, te.work_date
    FROM timesheet_entries te JOIN timesheets t ON t.id = te.timesheet_id AND t.status = 'approved'
    WHERE te.scope_item_id IN (${TOUCHED_ITEMS})
    GROUP BY te.scope_item_id, te.sow_id, te.work_date HAVING sum(te.hours) > 0
  ) d GROUP BY d.scope_item_id, d.sow_id`;

/** Reads for health and the SM's metrics: aggregates in SQL, priced by the pure functions. */
@Injectable()
export class DeliveryQueriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(tx?: Tx): Tx {
    return tx ?? this.dataSource.manager;
  }

  /** Approved and active assignments, oldest first (the demo history logs against them). */
  liveAssignments(): Promise<AssignmentEntity[]> {
    return this.dataSource.getRepository(AssignmentEntity).find({ where: { status: In(['approved', 'active']) }, order: { startDate: 'ASC', id: 'ASC' } });
  }

  allSows(): Promise<SowEntity[]> {
    return this.dataSource.getRepository(SowEntity).find({ order: { startDate: 'ASC', id: 'ASC' } });
  }

  async rollUpApproved(timesheetIds: readonly string[] | null, tx: Tx): Promise<void> {
    const ids = timesheetIds === null ? null : [...timesheetIds];
    await tx.query(ROLL_UP_APPROVED_SQL, [ids]);
    await tx.query(DELETE_TOUCHED_FINISH_SQL, [ids]);
    await tx.query(ROLL_UP_FINISH_SQL, [ids]);
  }

  async approvedLinesOfSow(sowId: string, tx?: Tx): Promise<ItemActualLine[]> {
    const rows: Array<{ scope_item_id: string; day: string; billable: boolean; level: Level; hours: string }> = await this.q(tx).query(APPROVED_LINES_SQL, [sowId]);
    return rows.map((r) => ({ scopeItemId: r.scope_item_id, date: r.day, billable: r.billable, level: r.level, hours: Number(r.hours) }));
  }

  async rateHistory(currency: string | null, tx?: Tx): Promise<Map<string, RatePeriod[]>> {
    const rows: Array<{ currency: string; effective_from: string; rates: RatePeriod['rates'] }> = await this.q(tx).query(
      `SELECT currency, to_char(effective_from, 'YYYY-MM-DD') AS effective_from, rates FROM rate_card_history WHERE $1::text IS NULL OR currency = $1 ORDER BY currency, effective_from`,
      [currency],
    );
    const out = new Map<string, RatePeriod[]>();
    for (const r of rows) out.set(r.currency, [...(out.get(r.currency) ?? []), { effectiveFrom: r.effective_from, rates: r.rates }]);
    return out;
  }

  async forecastsOf(scopeItemIds: readonly string[], tx?: Tx): Promise<Map<string, ScopeItemForecastEntity>> {
    if (scopeItemIds.length === 0) return new Map();
    const rows = await this.q(tx).getRepository(ScopeItemForecastEntity).createQueryBuilder('f').where('f.scope_item_id = ANY(:ids)', { ids: [...scopeItemIds] }).getMany();
    return new Map(rows.map((f) => [f.scopeItemId, f]));
  }

  findForecast(scopeItemId: string, tx: Tx): Promise<ScopeItemForecastEntity | null> {
    return tx.getRepository(ScopeItemForecastEntity).findOne({ where: { scopeItemId }, lock: { mode: 'pessimistic_write' } });
  }

  saveForecast(row: Partial<ScopeItemForecastEntity>, tx: Tx): Promise<ScopeItemForecastEntity> {
    const repo = tx.getRepository(ScopeItemForecastEntity);
    return repo.save(repo.create(row));
  }

  findHealth(sowId: string, tx: Tx): Promise<SowHealthEntity | null> {
    return tx.getRepository(SowHealthEntity).findOne({ where: { sowId }, lock: { mode: 'pessimistic_write' } });
  }

  async saveHealth(row: SowHealthEntity, tx: Tx): Promise<void> {
    await tx.getRepository(SowHealthEntity).save(row);
  }

  async healthInbox(statuses: readonly HealthStatus[]): Promise<HealthInboxRow[]> {
    const rows: Array<{ sow_id: string; title: string; customer_name: string; status: HealthStatus; previous_status: HealthStatus | null; reasons: string[]; changed_at: Date }> =
      await this.dataSource.query(
        `SELECT h.sow_id, s.title, c.name AS customer_name, h.status, h.previous_status, h.reasons, h.changed_at
         FROM sow_health h JOIN sows s ON s.id = h.sow_id JOIN customers c ON c.id = s.customer_id
         WHERE h.status::text = ANY($1) AND s.status NOT IN ('completed', 'cancelled') ORDER BY h.changed_at DESC, h.sow_id`,
        [[...statuses]],
      );
    return rows.map((r) => ({ sowId: r.sow_id, title: r.title, customerName: r.customer_name, status: r.status, previousStatus: r.previous_status, reasons: r.reasons, changedAt: r.changed_at }));
  }

  findCsat(sowId: string, tx?: Tx): Promise<SowCsatEntity | null> {
    return this.q(tx).getRepository(SowCsatEntity).findOne({ where: { sowId }, ...(tx ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  saveCsat(row: Partial<SowCsatEntity>, tx: Tx): Promise<SowCsatEntity> {
    const repo = tx.getRepository(SowCsatEntity);
    return repo.save(repo.create(row));
  }

  /** Active engineers with a live assignment overlapping the week and no submitted or approved timesheet for it. */
  async missingTimesheets(weekStart: string, weekEnd: string): Promise<MissingTimesheetRow[]> {
    const rows: Array<{ id: string; name: string; email: string; region: string; timesheet_id: string | null; status: TimesheetStatus | null }> = await this.dataSource.query(
      `SELECT e.id, e.name, e.email, e.region, t.id AS timesheet_id, t.status
       FROM engineers e
       LEFT JOIN timesheets t ON t.engineer_id = e.id AND t.week_start = $1
       WHERE e.active
         AND EXISTS (SELECT 1 FROM assignments a WHERE a.engineer_id = e.id AND a.status IN ('approved', 'active') AND a.start_date <= $2 AND a.end_date >= $1)
         AND (t.id IS NULL OR t.status IN ('open', 'returned'))
       ORDER BY e.name, e.id`,
      [weekStart, weekEnd],
    );
    return rows.map((r) => ({ engineerId: r.id, name: r.name, email: r.email, region: r.region, timesheetId: r.timesheet_id, status: r.status }));
  }

  /** Engineers already sent a timesheet.missing event for the week (so a second reminder run does not repeat them). */
  async alreadyReminded(weekStart: string, tx: Tx): Promise<Set<string>> {
    const rows: Array<{ aggregate_id: string }> = await tx.query(
      `SELECT aggregate_id FROM outbox_events WHERE type = $2 AND payload->>'weekStart' = $1`,
      [weekStart, 'timesheet.missing' satisfies EventType],
    );
    return new Set(rows.map((r) => r.aggregate_id));
  }

  async metricsActuals(f: MetricsFilter): Promise<MetricsActualRow[]> {
    const rows: Array<{ engineer_id: string; currency: string; level: Level; rate_from: string | null; billable_hours: string; hours: string }> = await this.dataSource.query(
      METRICS_ACTUALS_SQL,
      [f.from, f.to, f.region ?? null, f.level ?? null, f.customerId ?? null],
    );
    return rows.map((r) => ({ engineerId: r.engineer_id, currency: r.currency, level: r.level, rateFrom: r.rate_from, billableHours: Number(r.billable_hours), hours: Number(r.hours) }));
  }

  /** Engineers in scope of the metrics: active ones matching the filters, and anyone with actuals in the period. */
  async metricsEngineers(f: MetricsFilter, withActuals: readonly string[]): Promise<MetricsEngineerRow[]> {
    const rows: Array<{ id: string; name: string; level: Level; region: string; weekly_capacity_hours: string; utilization_target: string; country: string | null; subdivision: string | null }> = await this.dataSource.query(
      `SELECT id, name, level, region, weekly_capacity_hours, utilization_target, country, subdivision FROM engineers e
       WHERE (($6::uuid IS NULL AND e.active AND e.billable) OR e.id = ANY($5::uuid[])
              OR ($6::uuid IS NOT NULL AND EXISTS (SELECT 1 FROM assignments a JOIN sows s ON s.id = a.sow_id
                   WHERE a.engineer_id = e.id AND s.customer_id = $6 AND a.status IN ('approved', 'active') AND a.start_date <= $2 AND a.end_date >= $1)))
         AND ($3::text IS NULL OR e.region = $3) AND ($4::text IS NULL OR e.level::text = $4)
       ORDER BY e.name, e.id`,
      [f.from, f.to, f.region ?? null, f.level ?? null, [...withActuals], f.customerId ?? null],
    );
    return rows.map((r) => ({ engineerId: r.id, name: r.name, level: r.level, region: r.region, weeklyCapacityHours: Number(r.weekly_capacity_hours), utilizationTarget: Number(r.utilization_target), country: r.country, subdivision: r.subdivision }));
  }

  /** Time off overlapping the period, per engineer (capacity excludes it). */
  async metricsTimeOff(f: MetricsFilter): Promise<Array<{ engineerId: string; start: string; end: string }>> {
    const rows: Array<{ engineer_id: string; start_date: string; end_date: string }> = await this.dataSource.query(
      `SELECT engineer_id, to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(end_date, 'YYYY-MM-DD') AS end_date FROM time_off WHERE start_date <= $2 AND end_date >= $1`,
      [f.from, f.to],
    );
    return rows.map((r) => ({ engineerId: r.engineer_id, start: r.start_date, end: r.end_date }));
  }

  /** Billable plan: approved or active primary and lead assignments overlapping the period. */
  async metricsPlanned(f: MetricsFilter): Promise<MetricsPlannedRow[]> {
    const rows: Array<{ engineer_id: string; hours_per_week: string; start_date: string; end_date: string }> = await this.dataSource.query(
      `SELECT a.engineer_id, a.hours_per_week, to_char(a.start_date, 'YYYY-MM-DD') AS start_date, to_char(a.end_date, 'YYYY-MM-DD') AS end_date
       FROM assignments a JOIN sows s ON s.id = a.sow_id JOIN engineers e ON e.id = a.engineer_id
       WHERE a.status IN ('approved', 'active') AND a.role IN ('primary', 'lead') AND a.start_date <= $2 AND a.end_date >= $1
         AND ($3::text IS NULL OR e.region = $3) AND ($4::text IS NULL OR e.level::text = $4) AND ($5::uuid IS NULL OR s.customer_id = $5)`,
      [f.from, f.to, f.region ?? null, f.level ?? null, f.customerId ?? null],
    );
    return rows.map((r) => ({ engineerId: r.engineer_id, hoursPerWeek: Number(r.hours_per_week), startDate: r.start_date, endDate: r.end_date }));
  }

  /**
   * Completed SOWs whose delivery finished in the period, with what the on-time judgement (onTime in
   * @sow/domain) needs: each live scope item's committed end and actual finish (scope_item_finish: its last
   * day with net positive approved hours, kept at approval), and the day the SOW was marked completed.
   * The period is matched on the actual finish: the latest item finish, else the completion day.
   */
  async completedSows(f: MetricsFilter): Promise<CompletedSowRow[]> {
    const rows: Array<{ id: string; end_date: string; completed_on: string | null; items: Array<{ committedEnd: string; actualFinish: string | null }>; budget: string; actual: string; score: number | null }> = await this.dataSource.query(
      `WITH done AS (
         SELECT s.id, s.end_date,
                (SELECT to_char(min(ae.at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM audit_events ae
                  WHERE ae.entity_type = 'sow' AND ae.entity_id = s.id::text AND ae.action = 'sow.completed') AS completed_on
         FROM sows s JOIN customers c ON c.id = s.customer_id LEFT JOIN sow_actuals sa ON sa.sow_id = s.id
         WHERE s.status = 'completed' AND ($3::text IS NULL OR c.region = $3) AND ($4::uuid IS NULL OR s.customer_id = $4)
           -- The finish is never after the last day with any approved entry, so SOWs done before the period drop out here.
           AND (sa.sow_id IS NULL OR sa.approved_hours <= 0 OR sa.last_work_date >= $1::text::date)
       ), items AS (
         SELECT i.sow_id, i.end_date, f.finish_date AS finish FROM scope_items i LEFT JOIN scope_item_finish f ON f.scope_item_id = i.id
         WHERE i.sow_id IN (SELECT id FROM done) AND i.status <> 'cancelled'
       ), judged AS (
         SELECT d.id, d.end_date, d.completed_on,
                COALESCE(json_agg(json_build_object('committedEnd', to_char(i.end_date, 'YYYY-MM-DD'), 'actualFinish', to_char(i.finish, 'YYYY-MM-DD'))) FILTER (WHERE i.sow_id IS NOT NULL), '[]') AS items,
                COALESCE(to_char(max(i.finish), 'YYYY-MM-DD'), d.completed_on) AS finish
         FROM done d LEFT JOIN items i ON i.sow_id = d.id
         GROUP BY d.id, d.end_date, d.completed_on
       )
       SELECT j.id, to_char(j.end_date, 'YYYY-MM-DD') AS end_date, j.completed_on, j.items,
              (SELECT COALESCE(sum(i.estimated_hours), 0) FROM scope_items i WHERE i.sow_id = j.id AND i.status <> 'cancelled') AS budget,
              COALESCE(a.approved_hours, 0) AS actual, cs.score
       FROM judged j
       LEFT JOIN sow_actuals a ON a.sow_id = j.id
       LEFT JOIN sow_csat cs ON cs.sow_id = j.id
       WHERE COALESCE(j.finish, to_char(j.end_date, 'YYYY-MM-DD')) BETWEEN $1::text AND $2::text`,
      [f.from, f.to, f.region ?? null, f.customerId ?? null],
    );
    return rows.map((r) => ({ sowId: r.id, endDate: r.end_date, completedOn: r.completed_on, items: r.items, budgetHours: Number(r.budget), actualHours: Number(r.actual), csat: r.score === null ? null : Number(r.score) }));
  }
}
