import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Each scope item's actual finish (its last day with net positive approved hours), kept at approval, so
 * the on-time share of completed SOWs reads one row per item. Filled here from the timesheets approved so far.
 */
export class ScopeItemFinish1796674498677 implements MigrationInterface {
    name = 'ScopeItemFinish1796674498677'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "scope_item_finish" ("scope_item_id" uuid NOT NULL, "sow_id" uuid NOT NULL, "finish_date" date NOT NULL, CONSTRAINT "PK_c02446bc6facdedc562f6602155" PRIMARY KEY ("scope_item_id"))`);
        await queryRunner.query(`CREATE INDEX "ix_scope_item_finish_sow" ON "scope_item_finish"  ("sow_id") `);
        await queryRunner.query(`INSERT INTO scope_item_finish (scope_item_id, sow_id, finish_date)
            SELECT d.scope_item_id, d.sow_id, max(d.work_date) FROM (
              SELECT te.scope_item_id, te.sow_id, te.work_date
              FROM timesheet_entries te JOIN timesheets t ON t.id = te.timesheet_id AND t.status = 'approved'
              GROUP BY te.scope_item_id, te.sow_id, te.work_date HAVING sum(te.hours) > 0
            ) d GROUP BY d.scope_item_id, d.sow_id`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_scope_item_finish_sow"`);
        await queryRunner.query(`DROP TABLE "scope_item_finish"`);
    }

}
