import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { GeneratedOrganisation } from './org-generator';

export type Cell = string | number | boolean | null | string[];

/** Multi-row INSERTs, chunked below PostgreSQL's 65,535 bind parameters. */
export async function insertRows(client: Client, table: string, columns: readonly string[], rows: readonly Cell[][]): Promise<void> {
  const perChunk = Math.max(1, Math.floor(60000 / columns.length));
  for (let i = 0; i < rows.length; i += perChunk) {
    const chunk = rows.slice(i, i + perChunk);
    const params: Cell[] = [];
    const tuples = chunk.map((row) => `(${row.map((cell) => (params.push(cell), `$${params.length}`)).join(', ')})`);
    await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}

export interface LoadOptions {
  /** Status of every SOW (approved or active SOWs are planned). */
  sowStatus?: 'approved' | 'active';
  /** Status of today's assignments from the generator. */
  assignmentStatus?: 'proposed' | 'approved';
}

/**
 * Writes a generated organisation straight into a migrated database (bulk SQL, no HTTP), for
 * benchmarks and the heavier e2e tests. Returns the engagement manager user it created.
 */
export async function loadOrganisation(connectionString: string, org: GeneratedOrganisation, options: LoadOptions = {}): Promise<{ engagementManagerId: string }> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    await client.query('BEGIN');
    const emId = randomUUID();
    await client.query(`INSERT INTO users (id, email, password_hash, role) VALUES ($1, $2, 'not-a-login', 'engagement_manager')`, [emId, `bench-em-${emId.slice(0, 8)}@bench.example`]);
    await insertRows(client, 'customers', ['id', 'name', 'region', 'public_sector', 'required_clearance'], org.customers.map((c) => [c.id, c.name, c.region, c.publicSector, c.requiredClearance]));
    await insertRows(
      client,
      'engineers',
      ['id', 'name', 'email', 'level', 'lead_capable', 'region', 'timezone', 'weekly_capacity_hours', 'utilization_target', 'max_utilization', 'travel_limit', 'clearance', 'billable', 'active'],
      org.engineers.map((e) => [e.id, e.name, e.email, e.level, e.leadCapable, e.region, e.timezone, e.weeklyCapacityHours, e.utilizationTarget, e.maxUtilization, e.travelLimit, e.clearance, e.billable, e.active]),
    );
    await insertRows(client, 'engineer_skills', ['engineer_id', 'skill_key', 'proficiency'], org.engineers.flatMap((e) => e.skills.map((s) => [e.id, s.key, s.proficiency])));
    await insertRows(client, 'time_off', ['engineer_id', 'kind', 'start_date', 'end_date'], org.engineers.flatMap((e) => e.timeOff.map((r) => [e.id, 'pto', r.start, r.end])));
    const clearanceOf = new Map(org.customers.map((c) => [c.id, c.requiredClearance]));
    await insertRows(
      client,
      'sows',
      ['id', 'customer_id', 'title', 'engagement_manager_id', 'start_date', 'end_date', 'currency', 'status', 'required_clearance'],
      org.sows.map((s) => [s.id, s.customerId, s.title, emId, s.start, s.end, 'USD', options.sowStatus ?? 'approved', clearanceOf.get(s.customerId) ?? null]),
    );
    await insertRows(
      client,
      'scope_items',
      ['id', 'sow_id', 'template_key', 'parameters', 'kind', 'title', 'details', 'estimated_hours', 'min_level', 'required_skills', 'onsite_days', 'start_date', 'end_date'],
      org.items.map((i) => [i.id, i.sowId, i.templateKey, JSON.stringify(i.parameters), i.kind, i.title.slice(0, 300), JSON.stringify(i.details), i.estimatedHours, i.minLevel, JSON.stringify(i.requiredSkills), Math.round(i.onsiteDays), i.start, i.end]),
    );
    await insertRows(
      client,
      'assignments',
      ['id', 'scope_item_id', 'sow_id', 'engineer_id', 'role', 'hours_per_week', 'start_date', 'end_date', 'onsite_days', 'status', 'source'],
      org.snapshot.assignments.map((a) => [a.id, a.scopeItemId, a.sowId, a.engineerId, a.role, Math.round(a.hoursPerWeek * 100) / 100, a.start, a.end, a.onsiteDays, options.assignmentStatus ?? 'proposed', 'manual']),
    );
    await client.query('COMMIT');
    return { engagementManagerId: emId };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}

/** Drops and recreates a database on the server of `adminUrl` and runs every migration; returns its URL. */
export async function createMigratedDatabase(adminUrl: string, name: string): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Bad database name ${name}`);
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const { DataSource } = await import('typeorm');
  const ds = new DataSource({ type: 'postgres', url, migrations: [join(__dirname, '..', '..', 'migrations', '*.ts')], migrationsTableName: 'typeorm_migrations' });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
  return url;
}
