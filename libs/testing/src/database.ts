import { DataSource } from 'typeorm';

/** Tables filled by migrations with reference data: a reset keeps them. */
export const SEEDED_TABLES = new Set<string>(['typeorm_migrations', 'skills', 'scope_templates', 'rate_card_history', 'rate_cards']);

/** Empties every table of the public schema except the seeded reference tables. */
export async function resetDatabase(dataSource: DataSource): Promise<void> {
  const rows: Array<{ tablename: string }> = await dataSource.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
  );
  const tables = rows.map((r) => r.tablename).filter((t) => !SEEDED_TABLES.has(t));
  if (tables.length > 0) {
    await dataSource.query(`TRUNCATE ${tables.map((t) => `"public"."${t}"`).join(', ')} RESTART IDENTITY CASCADE`);
  }
}

/** Counts rows per table, to prove that a rejected request wrote nothing. */
export async function countRows(dataSource: DataSource): Promise<Record<string, number>> {
  const rows: Array<{ tablename: string }> = await dataSource.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const counts: Record<string, number> = {};
  for (const { tablename } of rows) {
    const [{ n }] = (await dataSource.query(`SELECT count(*)::int AS n FROM "public"."${tablename}"`)) as Array<{ n: number }>;
    counts[tablename] = n;
  }
  return counts;
}

/**
 * A digest of every row of every table (not just counts), to prove that a rejected request wrote
 * nothing, including in-place updates that would not change a count or bump a version.
 */
export async function fingerprintRows(dataSource: DataSource): Promise<Record<string, string>> {
  const rows: Array<{ tablename: string }> = await dataSource.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  if (rows.length === 0) return {};
  // One round trip for every table's digest. An outbox row's sent_at is the background relay's delivery
  // mark, not a write by the request under test: with processors running it may change at any moment.
  const row = (n: string): string => (n === 'outbox_events' ? `(to_jsonb(t) - 'sent_at')::text` : 't::text');
  const parts = rows.map(({ tablename: n }) => `'${n}', (SELECT md5(coalesce(string_agg(md5(${row(n)}), '' ORDER BY md5(${row(n)})), '')) FROM "public"."${n}" t)`);
  // A function takes at most 100 arguments: one object per 40 tables, merged.
  const objects: string[] = [];
  for (let i = 0; i < parts.length; i += 40) objects.push(`jsonb_build_object(${parts.slice(i, i + 40).join(', ')})`);
  const [{ d }] = (await dataSource.query(`SELECT (${objects.join(' || ')}) AS d`)) as Array<{ d: Record<string, string> }>;
  return d;
}

/**
 * Reference data survives a reset; a test that adds skills, templates or rate cards snapshots them first
 * and calls the returned function when done (after its own reset), so nothing leaks into other test files.
 */
export async function snapshotReferenceTables(dataSource: DataSource): Promise<() => Promise<void>> {
  const tables = [...SEEDED_TABLES].filter((name) => name !== 'typeorm_migrations');
  const rows = new Map<string, string>();
  for (const table of tables) {
    const [row] = (await dataSource.query(`SELECT coalesce(json_agg(r), '[]'::json)::text AS rows FROM "${table}" r`)) as Array<{ rows: string }>;
    rows.set(table, row.rows);
  }
  return () =>
    dataSource.transaction(async (m) => {
      for (const table of [...tables].reverse()) await m.query(`DELETE FROM "${table}"`);
      for (const table of tables) await m.query(`INSERT INTO "${table}" SELECT * FROM json_populate_recordset(null::"${table}", $1::json)`, [rows.get(table)]);
    });
}
