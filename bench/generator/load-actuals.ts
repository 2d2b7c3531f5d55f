import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { addDays, isWorkingDay } from '../../libs/domain/src';
import { ROLL_UP_APPROVED_SQL, ROLL_UP_FINISH_SQL } from '../../libs/persistence/src/repositories/delivery.repository';
import { Cell, insertRows } from './load-organisation';
import { createRng, GeneratedOrganisation } from './org-generator';

/**
 * A year of daily actuals for a generated organisation: every active billable engineer logs most
 * working days (6–9 h, mostly billable, some days split with non-billable time) on one or two of the
 * organisation's assignments, in weekly timesheets that are approved (the last two weeks partly only
 * submitted), with about 1% of entries corrected by a reversal. Rows go straight into PostgreSQL.
 */
export interface ActualsSpec {
  /** First Monday of the year of actuals. */
  start: string;
  weeks: number;
  seed: number;
}

export interface ActualsCounts {
  timesheets: number;
  entries: number;
  reversals: number;
  completedSows: number;
}

const ENTRY_COLUMNS = ['id', 'timesheet_id', 'engineer_id', 'assignment_id', 'scope_item_id', 'sow_id', 'work_date', 'hours', 'billable', 'note', 'reverses_entry_id'] as const;

export async function loadActuals(connectionString: string, org: GeneratedOrganisation, spec: ActualsSpec): Promise<ActualsCounts> {
  const rng = createRng(spec.seed);
  const pool = org.snapshot.assignments;
  if (pool.length === 0) throw new Error('the organisation has no assignments to log against');
  const timesheets: Cell[][] = [];
  const entries: Cell[][] = [];
  let reversals = 0;
  const workers = org.engineers.filter((e) => e.active && e.billable);
  for (const engineer of workers) {
    // Each quarter the engineer works on one or two engagements.
    let current = [pool[Math.floor(rng() * pool.length)]];
    for (let week = 0; week < spec.weeks; week++) {
      if (week % 13 === 0) current = [pool[Math.floor(rng() * pool.length)], ...(rng() < 0.4 ? [pool[Math.floor(rng() * pool.length)]] : [])];
      const weekStart = addDays(spec.start, week * 7);
      const timesheetId = randomUUID();
      const status = week >= spec.weeks - 2 && rng() < 0.5 ? 'submitted' : 'approved';
      timesheets.push([timesheetId, engineer.id, weekStart, status]);
      for (let d = 0; d < 5; d++) {
        const date = addDays(weekStart, d);
        if (!isWorkingDay(date) || rng() < 0.08) continue;
        const total = 6 + Math.round(rng() * 6) / 2;
        const a = current[Math.floor(rng() * current.length)];
        const split = rng() < 0.3;
        const billableHours = split ? total - 1.5 : total;
        const id = randomUUID();
        entries.push([id, timesheetId, engineer.id, a.id, a.scopeItemId, a.sowId, date, billableHours, rng() < 0.92, 'bench', null]);
        if (split) entries.push([randomUUID(), timesheetId, engineer.id, a.id, a.scopeItemId, a.sowId, date, 1.5, false, 'internal', null]);
        // A correction: the day reversed and logged again an hour shorter.
        if (rng() < 0.01) {
          reversals++;
          entries.push([randomUUID(), timesheetId, engineer.id, a.id, a.scopeItemId, a.sowId, date, -billableHours, true, 'correction', id]);
          entries.push([randomUUID(), timesheetId, engineer.id, a.id, a.scopeItemId, a.sowId, date, Math.max(0.5, billableHours - 1), true, 'correction', null]);
        }
      }
    }
  }
  const client = new Client({ connectionString });
  await client.connect();
  try {
    await client.query('BEGIN');
    await insertRows(client, 'timesheets', ['id', 'engineer_id', 'week_start', 'status'], timesheets);
    await insertRows(client, 'timesheet_entries', ENTRY_COLUMNS, entries);
    // A quarter of the SOWs delivered and completed, with CSAT on most of them.
    const completed: Array<{ id: string }> = (
      await client.query(`UPDATE sows SET status = 'completed' WHERE id IN (SELECT id FROM sows ORDER BY id LIMIT (SELECT count(*) / 4 FROM sows)) RETURNING id`)
    ).rows;
    const em: Array<{ id: string }> = (await client.query(`SELECT id FROM users WHERE role = 'engagement_manager' LIMIT 1`)).rows;
    await insertRows(
      client,
      'sow_csat',
      ['sow_id', 'score', 'comment', 'recorded_by'],
      completed.filter(() => rng() < 0.8).map((s) => [s.id, 1 + Math.floor(rng() * 5), null, em[0].id]),
    );
    // The USD card went up 5% mid-year: revenue on either side of the day uses its own rates.
    await client.query(
      `INSERT INTO rate_card_history (currency, effective_from, rates)
       SELECT currency, $1::date, (SELECT jsonb_object_agg(level, jsonb_build_object('billRate', to_char(round((r->>'billRate')::numeric * 1.05, 2), 'FM9999990.00'), 'costRate', r->>'costRate')) FROM jsonb_each(rates) AS x(level, r))
       FROM rate_cards WHERE currency = 'USD'`,
      [addDays(spec.start, Math.floor(spec.weeks / 2) * 7)],
    );
    // What approving each week would have rolled up, in one statement.
    await client.query(ROLL_UP_APPROVED_SQL, [null]);
    await client.query(ROLL_UP_FINISH_SQL, [null]);
    await client.query('COMMIT');
    return { timesheets: timesheets.length, entries: entries.length, reversals, completedSows: completed.length };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}
