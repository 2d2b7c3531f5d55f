import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Delivery tracking: timesheets and their entries (corrected by reversal, never edited), the rate card
 * history revenue is priced from (kept by a trigger on rate_cards: a new card covers every earlier day, a
 * change applies from the day it is made), the EM's estimate to complete, the last SOW health, and CSAT.
 */
export class DeliveryTracking1796659632526 implements MigrationInterface {
    name = 'DeliveryTracking1796659632526'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."timesheet_status" AS ENUM('open', 'submitted', 'returned', 'approved')`);
        await queryRunner.query(`CREATE TABLE "timesheets" ("version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "engineer_id" uuid NOT NULL, "week_start" date NOT NULL, "status" "public"."timesheet_status" NOT NULL DEFAULT 'open', "submitted_at" TIMESTAMP WITH TIME ZONE, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "return_reason" text, CONSTRAINT "PK_1dc280b68c9353ecce41a34be71" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_timesheets_week_status" ON "timesheets"  ("week_start", "status") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_timesheets_engineer_week" ON "timesheets"  ("engineer_id", "week_start") `);
        await queryRunner.query(`CREATE TABLE "timesheet_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "timesheet_id" uuid NOT NULL, "engineer_id" uuid NOT NULL, "assignment_id" uuid NOT NULL, "scope_item_id" uuid NOT NULL, "sow_id" uuid NOT NULL, "work_date" date NOT NULL, "hours" numeric(6,2) NOT NULL, "billable" boolean NOT NULL, "note" text, "reverses_entry_id" uuid, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_25a8a9b6a96e72864d598563c56" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_timesheet_entries_reverses" ON "timesheet_entries"  ("reverses_entry_id") WHERE reverses_entry_id IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_timesheet_entries_sow" ON "timesheet_entries"  ("sow_id") `);
        await queryRunner.query(`CREATE INDEX "ix_timesheet_entries_scope_item" ON "timesheet_entries"  ("scope_item_id") `);
        await queryRunner.query(`CREATE INDEX "ix_timesheet_entries_work_date" ON "timesheet_entries"  ("work_date") `);
        await queryRunner.query(`CREATE INDEX "ix_timesheet_entries_timesheet" ON "timesheet_entries"  ("timesheet_id") `);
        await queryRunner.query(`CREATE TABLE "rate_card_history" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "currency" character(3) NOT NULL, "effective_from" date NOT NULL, "rates" jsonb NOT NULL, CONSTRAINT "PK_961bde082ae144ce8a0b67afe2d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_rate_card_history_currency_from" ON "rate_card_history"  ("currency", "effective_from") `);
        await queryRunner.query(`CREATE TABLE "scope_item_forecasts" ("version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "scope_item_id" uuid NOT NULL, "estimate_to_complete" numeric(10,2) NOT NULL, "set_by" uuid, CONSTRAINT "PK_01a46457ddd01debbfc71d6cb41" PRIMARY KEY ("scope_item_id"))`);
        await queryRunner.query(`CREATE TYPE "public"."health_status" AS ENUM('on_track', 'at_risk', 'off_track')`);
        await queryRunner.query(`CREATE TABLE "sow_health" ("sow_id" uuid NOT NULL, "status" "public"."health_status" NOT NULL, "previous_status" "public"."health_status", "reasons" jsonb NOT NULL DEFAULT '[]', "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_c99665490299a4f3a96d888cb79" PRIMARY KEY ("sow_id"))`);
        await queryRunner.query(`CREATE INDEX "ix_sow_health_status" ON "sow_health"  ("status") `);
        await queryRunner.query(`CREATE TABLE "sow_csat" ("version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sow_id" uuid NOT NULL, "score" smallint NOT NULL, "comment" text, "recorded_by" uuid NOT NULL, CONSTRAINT "PK_e2856b62fd092963ef9fbcf773c" PRIMARY KEY ("sow_id"))`);
        await queryRunner.query(`ALTER TABLE "timesheets" ADD CONSTRAINT "FK_c792244262bc8e098bd80d34cd5" FOREIGN KEY ("engineer_id") REFERENCES "engineers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "timesheet_entries" ADD CONSTRAINT "FK_1619112e6d4c2ba65a676595bbe" FOREIGN KEY ("timesheet_id") REFERENCES "timesheets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "timesheet_entries" ADD CONSTRAINT "FK_a51056dff2728a079f48b579943" FOREIGN KEY ("assignment_id") REFERENCES "assignments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "timesheet_entries" ADD CONSTRAINT "FK_c68a2a74452a5a857ca4053e372" FOREIGN KEY ("scope_item_id") REFERENCES "scope_items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "timesheet_entries" ADD CONSTRAINT "FK_25bb412cdae0c4920af5d52683e" FOREIGN KEY ("sow_id") REFERENCES "sows"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "scope_item_forecasts" ADD CONSTRAINT "FK_01a46457ddd01debbfc71d6cb41" FOREIGN KEY ("scope_item_id") REFERENCES "scope_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "sow_health" ADD CONSTRAINT "FK_c99665490299a4f3a96d888cb79" FOREIGN KEY ("sow_id") REFERENCES "sows"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "sow_csat" ADD CONSTRAINT "FK_e2856b62fd092963ef9fbcf773c" FOREIGN KEY ("sow_id") REFERENCES "sows"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "sow_csat" ADD CONSTRAINT "ck_sow_csat_score" CHECK (score BETWEEN 1 AND 5)`);
        await queryRunner.query(`ALTER TABLE "timesheets" ADD CONSTRAINT "ck_timesheets_monday" CHECK (extract(isodow FROM week_start) = 1)`);
        await queryRunner.query(`ALTER TABLE "timesheet_entries" ADD CONSTRAINT "ck_timesheet_entries_hours" CHECK (hours <> 0 AND (hours > 0) = (reverses_entry_id IS NULL))`);
        await queryRunner.query(`CREATE FUNCTION record_rate_card_history() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            INSERT INTO rate_card_history (currency, effective_from, rates)
            VALUES (NEW.currency, CASE WHEN TG_OP = 'INSERT' THEN DATE '2000-01-01' ELSE current_date END, NEW.rates)
            ON CONFLICT (currency, effective_from) DO UPDATE SET rates = EXCLUDED.rates;
            RETURN NULL;
          END $$`);
        await queryRunner.query(`CREATE TRIGGER trg_rate_cards_history AFTER INSERT OR UPDATE OF rates ON rate_cards FOR EACH ROW EXECUTE FUNCTION record_rate_card_history()`);
        await queryRunner.query(`INSERT INTO rate_card_history (currency, effective_from, rates) SELECT currency, DATE '2000-01-01', rates FROM rate_cards`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER IF EXISTS trg_rate_cards_history ON rate_cards`);
        await queryRunner.query(`DROP FUNCTION IF EXISTS record_rate_card_history()`);
        await queryRunner.query(`ALTER TABLE "sow_csat" DROP CONSTRAINT "FK_e2856b62fd092963ef9fbcf773c"`);
        await queryRunner.query(`ALTER TABLE "sow_health" DROP CONSTRAINT "FK_c99665490299a4f3a96d888cb79"`);
        await queryRunner.query(`ALTER TABLE "scope_item_forecasts" DROP CONSTRAINT "FK_01a46457ddd01debbfc71d6cb41"`);
        await queryRunner.query(`ALTER TABLE "timesheet_entries" DROP CONSTRAINT "FK_25bb412cdae0c4920af5d52683e"`);
        await queryRunner.query(`ALTER TABLE "timesheet_entries" DROP CONSTRAINT "FK_c68a2a74452a5a857ca4053e372"`);
        await queryRunner.query(`ALTER TABLE "timesheet_entries" DROP CONSTRAINT "FK_a51056dff2728a079f48b579943"`);
        await queryRunner.query(`ALTER TABLE "timesheet_entries" DROP CONSTRAINT "FK_1619112e6d4c2ba65a676595bbe"`);
        await queryRunner.query(`ALTER TABLE "timesheets" DROP CONSTRAINT "FK_c792244262bc8e098bd80d34cd5"`);
        await queryRunner.query(`DROP TABLE "sow_csat"`);
        await queryRunner.query(`DROP INDEX "public"."ix_sow_health_status"`);
        await queryRunner.query(`DROP TABLE "sow_health"`);
        await queryRunner.query(`DROP TYPE "public"."health_status"`);
        await queryRunner.query(`DROP TABLE "scope_item_forecasts"`);
        await queryRunner.query(`DROP INDEX "public"."uq_rate_card_history_currency_from"`);
        await queryRunner.query(`DROP TABLE "rate_card_history"`);
        await queryRunner.query(`DROP INDEX "public"."ix_timesheet_entries_timesheet"`);
        await queryRunner.query(`DROP INDEX "public"."ix_timesheet_entries_work_date"`);
        await queryRunner.query(`DROP INDEX "public"."ix_timesheet_entries_scope_item"`);
        await queryRunner.query(`DROP INDEX "public"."ix_timesheet_entries_sow"`);
        await queryRunner.query(`DROP INDEX "public"."uq_timesheet_entries_reverses"`);
        await queryRunner.query(`DROP TABLE "timesheet_entries"`);
        await queryRunner.query(`DROP INDEX "public"."uq_timesheets_engineer_week"`);
        await queryRunner.query(`DROP INDEX "public"."ix_timesheets_week_status"`);
        await queryRunner.query(`DROP TABLE "timesheets"`);
        await queryRunner.query(`DROP TYPE "public"."timesheet_status"`);
    }

}
