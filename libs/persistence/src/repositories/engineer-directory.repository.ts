import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DateRange, EngineerProfile } from '@sow/domain';
import { EngineerProfileRow, profileFromRow } from './engineer-row';

/** An engineer as matching and reports need them: profile, skills and time off, plus a name. */
export interface DirectoryEngineer extends EngineerProfile {
  name: string;
  email: string;
  /** Whose public holidays apply. */
  country: string | null;
  subdivision: string | null;
}

interface DirectoryRow extends EngineerProfileRow {
  email: string;
  time_off: DateRange[];
}

/**
 * Bulk reads of the whole engineer directory in one statement (skills and time off aggregated per row),
 * and a cheap fingerprint that tells a cache when to reload it.
 */
@Injectable()
export class EngineerDirectoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async loadAll(): Promise<DirectoryEngineer[]> {
    const rows: DirectoryRow[] = await this.dataSource.query(
      `SELECT e.id, e.name, e.email, e.level, e.lead_capable, e.region, e.timezone, e.weekly_capacity_hours, e.utilization_target,
         e.max_utilization, e.travel_limit, e.clearance, e.billable, e.active, e.country, e.subdivision,
         COALESCE((SELECT json_agg(json_build_object('key', s.skill_key, 'proficiency', s.proficiency)) FROM engineer_skills s WHERE s.engineer_id = e.id), '[]'::json) AS skills,
         COALESCE((SELECT json_agg(json_build_object('start', t.start_date, 'end', t.end_date) ORDER BY t.start_date) FROM time_off t WHERE t.engineer_id = e.id), '[]'::json) AS time_off
       FROM engineers e ORDER BY e.id`,
    );
    return rows.map((r) => ({ ...profileFromRow(r), email: r.email, timeOff: r.time_off }));
  }

  /**
   * The database snapshot and, read in the same statement (so under that very snapshot), fingerprints of
   * the engineer directory and of the assignments. Skills are only written together with an UPDATE of the
   * engineer row (which bumps version and updated_at); time off rows are only inserted (created_at = the
   * writing transaction's start, later than any earlier commit) or deleted (count drops); assignments bump
   * version on every update.
   */
  async fingerprints(): Promise<{ snapshot: string; directory: string; assignments: string }> {
    const [row]: Array<{ snapshot: string; directory: string; assignments: string }> = await this.dataSource.query(
      `SELECT pg_current_snapshot()::text AS snapshot,
         (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') || ':' || coalesce(sum(version), 0) FROM engineers)
           || '|' || (SELECT count(*) || ':' || coalesce(max(created_at)::text, '') FROM time_off)
           || '|' || (SELECT count(*) || ':' || coalesce(max(created_at)::text, '') FROM company_days_off) AS directory,
         (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') || ':' || coalesce(sum(version), 0) FROM assignments) AS assignments`,
    );
    return row ?? { snapshot: '', directory: '', assignments: '' };
  }

  /**
   * The database snapshot (xmin:xmax:in-progress list). Equal snapshots see exactly the same committed
   * transactions, so a cache filled after reading one is still exact while it stays the same.
   */
  async snapshot(): Promise<string> {
    const [row]: Array<{ snap: string }> = await this.dataSource.query(`SELECT pg_current_snapshot()::text AS snap`);
    return row?.snap ?? '';
  }
}
