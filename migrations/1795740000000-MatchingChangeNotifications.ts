import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables the in-memory matching data is read from; a committed change to any of them is announced. */
const TABLES = ['engineers', 'engineer_skills', 'time_off', 'skills', 'assignments', 'scope_items', 'sows', 'customers'];

/**
 * Statement-level triggers that NOTIFY `sow_matching` (payload: the table) on every INSERT, UPDATE, DELETE
 * and TRUNCATE of the matching tables. Notifications are delivered at commit, and only then, so an api
 * process listening on the channel knows its cached directory may be out of date without asking the
 * database on every request.
 */
export class MatchingChangeNotifications1795740000000 implements MigrationInterface {
  name = 'MatchingChangeNotifications1795740000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION notify_matching_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('sow_matching', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    for (const table of TABLES) {
      await queryRunner.query(
        `CREATE TRIGGER trg_${table}_matching_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION notify_matching_change()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.query(`DROP TRIGGER IF EXISTS trg_${table}_matching_change ON "${table}"`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS notify_matching_change()`);
  }
}
