import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Working calendars: an engineer's country and optional subdivision pick their public holidays (from
 * the date-holidays library), and company_days_off holds the days the whole company is off. Both come
 * out of capacity; a change to the days off is announced like the other matching tables.
 */
export class WorkingCalendars1796660734271 implements MigrationInterface {
  name = 'WorkingCalendars1796660734271';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "company_days_off" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "date" date NOT NULL, "name" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_925eb1d1ca12824aee1c22e3721" UNIQUE ("date"), CONSTRAINT "PK_e672e33604e5dc4f79f2f8f6e10" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "engineers" ADD "country" character varying(2)`);
    await queryRunner.query(`ALTER TABLE "engineers" ADD "subdivision" character varying(6)`);
    await queryRunner.query(
      `CREATE TRIGGER trg_company_days_off_matching_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "company_days_off" FOR EACH STATEMENT EXECUTE FUNCTION notify_matching_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER IF EXISTS trg_company_days_off_matching_change ON "company_days_off"`);
    await queryRunner.query(`ALTER TABLE "engineers" DROP COLUMN "subdivision"`);
    await queryRunner.query(`ALTER TABLE "engineers" DROP COLUMN "country"`);
    await queryRunner.query(`DROP TABLE "company_days_off"`);
  }
}
