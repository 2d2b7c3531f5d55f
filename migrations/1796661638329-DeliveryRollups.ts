import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Rollups of approved actuals kept at approval, so the senior manager's metrics read a few thousand rows
 * for a quarter: per engineer, SOW, month and rate period, and per SOW (approved hours, last work day).
 * Filled here from the timesheets approved so far.
 */
export class DeliveryRollups1796661638329 implements MigrationInterface {
    name = 'DeliveryRollups1796661638329'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "approved_actuals_monthly" ("engineer_id" uuid NOT NULL, "sow_id" uuid NOT NULL, "month" date NOT NULL, "rate_from" date NOT NULL, "billable_hours" numeric(12,2) NOT NULL, "hours" numeric(12,2) NOT NULL, CONSTRAINT "PK_f6f4c954abb36f81c61c97fb182" PRIMARY KEY ("engineer_id", "sow_id", "month", "rate_from"))`);
        await queryRunner.query(`CREATE INDEX "ix_approved_actuals_monthly_month" ON "approved_actuals_monthly"  ("month") `);
        await queryRunner.query(`CREATE TABLE "sow_actuals" ("sow_id" uuid NOT NULL, "approved_hours" numeric(12,2) NOT NULL, "last_work_date" date NOT NULL, CONSTRAINT "PK_91d03e750e406df109fa2706d43" PRIMARY KEY ("sow_id"))`);
        await queryRunner.query(`INSERT INTO approved_actuals_monthly (engineer_id, sow_id, month, rate_from, billable_hours, hours)
            SELECT te.engineer_id, te.sow_id, date_trunc('month', te.work_date)::date,
                   COALESCE((SELECT max(h.effective_from) FROM rate_card_history h WHERE h.currency = s.currency AND h.effective_from <= te.work_date), DATE '0001-01-01'),
                   COALESCE(sum(te.hours) FILTER (WHERE te.billable), 0), sum(te.hours)
            FROM timesheet_entries te JOIN timesheets t ON t.id = te.timesheet_id AND t.status = 'approved' JOIN sows s ON s.id = te.sow_id
            GROUP BY 1, 2, 3, 4`);
        await queryRunner.query(`INSERT INTO sow_actuals (sow_id, approved_hours, last_work_date)
            SELECT te.sow_id, sum(te.hours), max(te.work_date)
            FROM timesheet_entries te JOIN timesheets t ON t.id = te.timesheet_id AND t.status = 'approved'
            GROUP BY te.sow_id`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "sow_actuals"`);
        await queryRunner.query(`DROP INDEX "public"."ix_approved_actuals_monthly_month"`);
        await queryRunner.query(`DROP TABLE "approved_actuals_monthly"`);
    }

}
