import { MigrationInterface, QueryRunner } from "typeorm";

export class Scenarios1796670901487 implements MigrationInterface {
    name = 'Scenarios1796670901487'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "scenarios" ("version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "owner_id" uuid NOT NULL, "promoted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a2af4912aab626639cca306b987" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_scenarios_owner" ON "scenarios"  ("owner_id") `);
        await queryRunner.query(`CREATE TABLE "scenario_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "scenario_id" uuid NOT NULL, "seq" integer NOT NULL, "kind" character varying(40) NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_57712a90fb2fbec98ef7361429b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_scenario_changes_scenario" ON "scenario_changes"  ("scenario_id", "seq") `);
        await queryRunner.query(`CREATE TABLE "scenario_runs" ("version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "scenario_id" uuid, "kind" character varying(20) NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'queued', "requested_by" uuid NOT NULL, "horizon_start" date NOT NULL, "horizon_end" date NOT NULL, "params" jsonb NOT NULL, "progress" jsonb NOT NULL, "result" jsonb, "error_code" character varying(100), "error_message" text, "attempts" integer NOT NULL DEFAULT '0', "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_03af9cdd1647e2633f854848c2c" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_scenario_runs_status" ON "scenario_runs"  ("status") `);
        await queryRunner.query(`CREATE INDEX "ix_scenario_runs_scenario" ON "scenario_runs"  ("scenario_id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_scenario_runs_scenario"`);
        await queryRunner.query(`DROP INDEX "public"."ix_scenario_runs_status"`);
        await queryRunner.query(`DROP TABLE "scenario_runs"`);
        await queryRunner.query(`DROP INDEX "public"."ix_scenario_changes_scenario"`);
        await queryRunner.query(`DROP TABLE "scenario_changes"`);
        await queryRunner.query(`DROP INDEX "public"."ix_scenarios_owner"`);
        await queryRunner.query(`DROP TABLE "scenarios"`);
    }

}
