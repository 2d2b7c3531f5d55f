import { MigrationInterface, QueryRunner } from "typeorm";

export class StaffingAndAssignments1795728812679 implements MigrationInterface {
    name = 'StaffingAndAssignments1795728812679'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."assignment_role" AS ENUM('primary', 'lead', 'shadow')`);
        await queryRunner.query(`CREATE TYPE "public"."assignment_status" AS ENUM('proposed', 'approved', 'active', 'released')`);
        await queryRunner.query(`CREATE TYPE "public"."assignment_source" AS ENUM('manual', 'plan')`);
        await queryRunner.query(`CREATE TABLE "assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "scope_item_id" uuid NOT NULL, "sow_id" uuid NOT NULL, "engineer_id" uuid NOT NULL, "role" "public"."assignment_role" NOT NULL, "hours_per_week" numeric(6,2) NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "onsite_days" numeric(6,2) NOT NULL DEFAULT '0', "status" "public"."assignment_status" NOT NULL DEFAULT 'proposed', "source" "public"."assignment_source" NOT NULL DEFAULT 'manual', "locked" boolean NOT NULL DEFAULT false, "score" jsonb, "override" jsonb, "staffing_plan_id" uuid, "created_by" uuid, "approved_by" uuid, "approved_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c54ca359535e0012b04dcbd80ee" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_assignments_sow" ON "assignments"  ("sow_id") `);
        await queryRunner.query(`CREATE INDEX "ix_assignments_scope_item" ON "assignments"  ("scope_item_id") `);
        await queryRunner.query(`CREATE INDEX "ix_assignments_engineer_dates" ON "assignments"  ("engineer_id", "start_date", "end_date") `);
        await queryRunner.query(`CREATE TABLE "calendar_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "engineer_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_181f2e17c83bfa7d4d287cf08a0" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_calendar_tokens_engineer" ON "calendar_tokens"  ("engineer_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_calendar_tokens_hash" ON "calendar_tokens"  ("token_hash") `);
        await queryRunner.query(`CREATE TYPE "public"."staffing_plan_status" AS ENUM('queued', 'running', 'proposed', 'approved', 'rejected', 'stale', 'failed')`);
        await queryRunner.query(`CREATE TYPE "public"."staffing_plan_trigger" AS ENUM('manual', 'sow.approved', 'change_request.approved', 'engineer.time_off_changed', 'engineer.deactivated', 'nightly')`);
        await queryRunner.query(`CREATE TYPE "public"."solver_method" AS ENUM('auto', 'milp', 'heuristic')`);
        await queryRunner.query(`CREATE TABLE "staffing_plans" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "status" "public"."staffing_plan_status" NOT NULL DEFAULT 'queued', "trigger" "public"."staffing_plan_trigger" NOT NULL DEFAULT 'manual', "horizon_start" date NOT NULL, "horizon_end" date NOT NULL, "sow_ids" uuid array, "method" "public"."solver_method" NOT NULL DEFAULT 'auto', "time_limit_ms" integer NOT NULL, "move_approved" boolean NOT NULL DEFAULT false, "debounce_key" character varying(200) NOT NULL, "requested_by" uuid, "progress" jsonb NOT NULL, "snapshot_versions" jsonb, "kpis_before" jsonb, "kpis_after" jsonb, "moves" jsonb, "solver_stats" jsonb, "error_code" character varying(100), "error_message" text, "attempts" integer NOT NULL DEFAULT '0', "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_reason" text, "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cecc2565a14a22671f64e2e1707" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_staffing_plans_debounce" ON "staffing_plans"  ("debounce_key", "status") `);
        await queryRunner.query(`CREATE INDEX "ix_staffing_plans_status" ON "staffing_plans"  ("status") `);
        await queryRunner.query(`ALTER TABLE "assignments" ADD CONSTRAINT "FK_56d078b6ea759efcb79b3a22a61" FOREIGN KEY ("scope_item_id") REFERENCES "scope_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "assignments" ADD CONSTRAINT "FK_63493cde0103172833ccb5b71a6" FOREIGN KEY ("sow_id") REFERENCES "sows"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "assignments" ADD CONSTRAINT "FK_fa55b0436229e29f82f907c08b0" FOREIGN KEY ("engineer_id") REFERENCES "engineers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "calendar_tokens" ADD CONSTRAINT "FK_240e99fdc7b44af5d4e320dc149" FOREIGN KEY ("engineer_id") REFERENCES "engineers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "calendar_tokens" DROP CONSTRAINT "FK_240e99fdc7b44af5d4e320dc149"`);
        await queryRunner.query(`ALTER TABLE "assignments" DROP CONSTRAINT "FK_fa55b0436229e29f82f907c08b0"`);
        await queryRunner.query(`ALTER TABLE "assignments" DROP CONSTRAINT "FK_63493cde0103172833ccb5b71a6"`);
        await queryRunner.query(`ALTER TABLE "assignments" DROP CONSTRAINT "FK_56d078b6ea759efcb79b3a22a61"`);
        await queryRunner.query(`DROP INDEX "public"."ix_staffing_plans_status"`);
        await queryRunner.query(`DROP INDEX "public"."ix_staffing_plans_debounce"`);
        await queryRunner.query(`DROP TABLE "staffing_plans"`);
        await queryRunner.query(`DROP TYPE "public"."solver_method"`);
        await queryRunner.query(`DROP TYPE "public"."staffing_plan_trigger"`);
        await queryRunner.query(`DROP TYPE "public"."staffing_plan_status"`);
        await queryRunner.query(`DROP INDEX "public"."uq_calendar_tokens_hash"`);
        await queryRunner.query(`DROP INDEX "public"."ix_calendar_tokens_engineer"`);
        await queryRunner.query(`DROP TABLE "calendar_tokens"`);
        await queryRunner.query(`DROP INDEX "public"."ix_assignments_engineer_dates"`);
        await queryRunner.query(`DROP INDEX "public"."ix_assignments_scope_item"`);
        await queryRunner.query(`DROP INDEX "public"."ix_assignments_sow"`);
        await queryRunner.query(`DROP TABLE "assignments"`);
        await queryRunner.query(`DROP TYPE "public"."assignment_source"`);
        await queryRunner.query(`DROP TYPE "public"."assignment_status"`);
        await queryRunner.query(`DROP TYPE "public"."assignment_role"`);
    }

}
