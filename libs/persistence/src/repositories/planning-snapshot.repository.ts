import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AssignmentRole, AssignmentStatus, ClearanceLevel, Level, SkillRequirement } from '@sow/domain';
import { Tx } from './base.repository';
import { EngineerProfileFields, EngineerProfileRow, profileFromRow } from './engineer-row';
import { NamedScopeItem, namedScopeItemFromRow, ScopeItemDbRow } from './assignments.repository';

export interface SnapshotEngineer extends EngineerProfileFields {
  timeOff: Array<{ start: string; end: string }>;
  /** Version plus fingerprints of time off and live assignments, for the approval-time staleness check. */
  fingerprint: string;
}

export interface SnapshotItem extends NamedScopeItem {
  /** The item's start, or the day after its last approved work day once it has actuals. */
  start: string;
  end: string;
  /** The hours still to plan: the estimate, or once delivery has begun the EM's estimate to complete, else estimate − approved actuals. */
  estimatedHours: number;
  minLevel: Level;
  requiredSkills: SkillRequirement[];
  onsiteDays: number;
  maxTeamSize: number;
  requiredClearance: ClearanceLevel | null;
  version: number;
  /** Version plus a fingerprint of its live assignments. */
  fingerprint: string;
}

export interface SnapshotAssignment {
  id: string;
  scopeItemId: string;
  sowId: string;
  customerId: string;
  engineerId: string;
  role: AssignmentRole;
  status: AssignmentStatus;
  locked: boolean;
  hoursPerWeek: number;
  start: string;
  end: string;
  onsiteDays: number;
  version: number;
}

export interface SnapshotFilter {
  start: string;
  end: string;
  /** Only scope items of these SOWs are planned (null: every approved or active SOW). */
  sowIds: readonly string[] | null;
}

interface EngineerRow extends EngineerProfileRow {
  version: number;
  time_off: Array<{ start: string; end: string }>;
  fingerprint: string;
}

interface ItemRow extends ScopeItemDbRow {
  max_team_size: number;
  version: number;
  fingerprint: string;
}

interface AssignmentRow {
  id: string;
  scope_item_id: string;
  sow_id: string;
  customer_id: string;
  engineer_id: string;
  role: AssignmentRole;
  status: AssignmentStatus;
  locked: boolean;
  hours_per_week: string;
  start_date: string;
  end_date: string;
  onsite_days: string;
  version: number;
}

/*
 * Staleness, in SQL, written once: what a plan records of each engineer and scope item it touches, and what
 * approval reads again (libs/core/src/planning/staleness.ts compares the two). An engineer changes with their
 * row version, their time off or their live assignments; a scope item with its version or its live assignments.
 */
const ENGINEER_PRINT_SQL = `e.version::text || '/' || (SELECT count(*) || ':' || COALESCE(max(t.created_at)::text, '') FROM time_off t WHERE t.engineer_id = e.id)
         || '/' || (SELECT count(*) || ':' || COALESCE(max(a.updated_at)::text, '') FROM assignments a WHERE a.engineer_id = e.id AND a.status <> 'released')`;
const ITEM_PRINT_SQL = `i.version::text || '/' || (SELECT count(*) || ':' || COALESCE(max(a.updated_at)::text, '') FROM assignments a WHERE a.scope_item_id = i.id AND a.status <> 'released')`;

const ENGINEERS_SQL = `
  SELECT e.id, e.name, e.level, e.lead_capable, e.active, e.billable, e.clearance, e.region, e.timezone, e.country, e.subdivision,
         e.weekly_capacity_hours, e.utilization_target, e.max_utilization, e.travel_limit, e.version,
         COALESCE((SELECT json_agg(json_build_object('key', s.skill_key, 'proficiency', s.proficiency) ORDER BY s.skill_key)
                   FROM engineer_skills s WHERE s.engineer_id = e.id), '[]'::json) AS skills,
         COALESCE((SELECT json_agg(json_build_object('start', to_char(t.start_date, 'YYYY-MM-DD'), 'end', to_char(t.end_date, 'YYYY-MM-DD')) ORDER BY t.start_date)
                   FROM time_off t WHERE t.engineer_id = e.id AND t.end_date >= $1 AND t.start_date <= $2), '[]'::json) AS time_off,
         ${ENGINEER_PRINT_SQL} AS fingerprint
  FROM engineers e
  WHERE e.active OR EXISTS (SELECT 1 FROM assignments a WHERE a.engineer_id = e.id AND a.status <> 'released' AND a.end_date >= $1 AND a.start_date <= $2)
  ORDER BY e.id`;

// Delivery tracking: an item with approved actuals (or an EM's estimate to complete) is planned for what
// is left of it, from the day after its last approved work day: remaining = the estimate to complete,
// else estimate − approved actuals. Items without either read exactly as before.
const ITEMS_SQL = `
  SELECT i.id, i.sow_id, s.title AS sow_title, s.customer_id, c.name AS customer_name, c.region AS customer_region, i.title,
         to_char(CASE WHEN act.last_work IS NULL THEN i.start_date ELSE LEAST(GREATEST(i.start_date, act.last_work + 1), i.end_date) END, 'YYYY-MM-DD') AS start_date,
         to_char(i.end_date, 'YYYY-MM-DD') AS end_date,
         CASE WHEN act.hours IS NULL AND f.scope_item_id IS NULL THEN i.estimated_hours
              ELSE COALESCE(f.estimate_to_complete, GREATEST(i.estimated_hours - COALESCE(act.hours, 0), 0)) END AS estimated_hours,
         i.min_level, i.required_skills, i.onsite_days, i.max_team_size, COALESCE(s.required_clearance, c.required_clearance) AS required_clearance, i.version,
         ${ITEM_PRINT_SQL} AS fingerprint
  FROM scope_items i
  JOIN sows s ON s.id = i.sow_id
  JOIN customers c ON c.id = s.customer_id
  LEFT JOIN LATERAL (
    SELECT sum(te.hours) AS hours, max(te.work_date) AS last_work
    FROM timesheet_entries te JOIN timesheets t ON t.id = te.timesheet_id AND t.status = 'approved'
    WHERE te.scope_item_id = i.id
  ) act ON act.hours IS NOT NULL
  LEFT JOIN scope_item_forecasts f ON f.scope_item_id = i.id
  WHERE s.status IN ('approved', 'active') AND i.status IN ('planned', 'in_progress')
    AND i.end_date >= $1 AND i.start_date <= $2
    AND ($3::uuid[] IS NULL OR i.sow_id = ANY($3::uuid[]))
  ORDER BY i.start_date, i.id`;

const ASSIGNMENTS_SQL = `
  SELECT a.id, a.scope_item_id, a.sow_id, s.customer_id, a.engineer_id, a.role, a.status, a.locked, a.hours_per_week,
         to_char(a.start_date, 'YYYY-MM-DD') AS start_date, to_char(a.end_date, 'YYYY-MM-DD') AS end_date, a.onsite_days, a.version
  FROM assignments a JOIN sows s ON s.id = a.sow_id
  WHERE a.status <> 'released' AND a.end_date >= $1 AND a.start_date <= $2
  ORDER BY a.id`;

/**
 * Everything a staffing plan reads, in three queries whatever the size: engineers with skills and time
 * off, the scope items to staff, and the live assignments overlapping the horizon. Read in one
 * REPEATABLE READ transaction so the three agree with each other.
 */
@Injectable()
export class PlanningSnapshotRepository {
  constructor(private readonly dataSource: DataSource) {}

  async load(filter: SnapshotFilter): Promise<{ engineers: SnapshotEngineer[]; items: SnapshotItem[]; assignments: SnapshotAssignment[] }> {
    const queryRunner = this.dataSource.createQueryRunner();
    await queryRunner.connect();
    try {
      await queryRunner.startTransaction('REPEATABLE READ');
      const engineers = (await queryRunner.query(ENGINEERS_SQL, [filter.start, filter.end])) as EngineerRow[];
      const items = (await queryRunner.query(ITEMS_SQL, [filter.start, filter.end, filter.sowIds])) as ItemRow[];
      const assignments = (await queryRunner.query(ASSIGNMENTS_SQL, [filter.start, filter.end])) as AssignmentRow[];
      await queryRunner.commitTransaction();
      return { engineers: engineers.map(toEngineer), items: items.map(toItem), assignments: assignments.map(toAssignment) };
    } catch (error) {
      if (queryRunner.isTransactionActive) await queryRunner.rollbackTransaction();
      throw error;
    } finally {
      await queryRunner.release();
    }
  }

  /**
   * Current fingerprints of the given rows, read inside the approving transaction with the rows
   * locked, so a concurrent approval of another plan waits and then sees the change.
   */
  async currentFingerprints(
    ids: { engineers: readonly string[]; scopeItems: readonly string[]; assignments: readonly string[] },
    tx: Tx,
  ): Promise<{ engineers: Record<string, string>; scopeItems: Record<string, string>; assignments: Record<string, number> }> {
    const engineers: Record<string, string> = {};
    const scopeItems: Record<string, string> = {};
    const assignments: Record<string, number> = {};
    if (ids.engineers.length > 0) {
      await tx.query(`SELECT id FROM engineers WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids.engineers]);
      const rows = (await tx.query(`SELECT e.id, ${ENGINEER_PRINT_SQL} AS fingerprint FROM engineers e WHERE e.id = ANY($1::uuid[])`, [ids.engineers])) as Array<{ id: string; fingerprint: string }>;
      for (const r of rows) engineers[r.id] = r.fingerprint;
    }
    if (ids.scopeItems.length > 0) {
      const rows = (await tx.query(`SELECT i.id, ${ITEM_PRINT_SQL} AS fingerprint FROM scope_items i WHERE i.id = ANY($1::uuid[]) ORDER BY i.id FOR UPDATE OF i`, [ids.scopeItems])) as Array<{
        id: string;
        fingerprint: string;
      }>;
      for (const r of rows) scopeItems[r.id] = r.fingerprint;
    }
    if (ids.assignments.length > 0) {
      const rows = (await tx.query(`SELECT id, version FROM assignments WHERE id = ANY($1::uuid[]) AND status <> 'released' ORDER BY id FOR UPDATE`, [ids.assignments])) as Array<{ id: string; version: number }>;
      for (const r of rows) assignments[r.id] = r.version;
    }
    return { engineers, scopeItems, assignments };
  }
}

function toEngineer(r: EngineerRow): SnapshotEngineer {
  return { ...profileFromRow(r), timeOff: r.time_off, fingerprint: r.fingerprint };
}

function toItem(r: ItemRow): SnapshotItem {
  return {
    ...namedScopeItemFromRow(r),
    start: r.start_date,
    end: r.end_date,
    estimatedHours: Number(r.estimated_hours),
    minLevel: r.min_level,
    requiredSkills: r.required_skills,
    onsiteDays: Number(r.onsite_days),
    maxTeamSize: Number(r.max_team_size),
    requiredClearance: r.required_clearance,
    version: r.version,
    fingerprint: r.fingerprint,
  };
}

function toAssignment(r: AssignmentRow): SnapshotAssignment {
  return {
    id: r.id,
    scopeItemId: r.scope_item_id,
    sowId: r.sow_id,
    customerId: r.customer_id,
    engineerId: r.engineer_id,
    role: r.role,
    status: r.status,
    locked: r.locked,
    hoursPerWeek: Number(r.hours_per_week),
    start: r.start_date,
    end: r.end_date,
    onsiteDays: Number(r.onsite_days),
    version: r.version,
  };
}
