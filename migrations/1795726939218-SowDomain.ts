import { MigrationInterface, QueryRunner } from "typeorm";
// Relative import: the TypeORM CLI and jest's global setup load migrations without path aliases.
import { SCOPE_TEMPLATES, SEED_SKILLS } from "../libs/domain/src";

/** The first USD rate card (per hour; bill and cost per level). Admins replace it through PUT /rate-cards/USD. */
const SEED_USD_RATES = {
    associate: { billRate: "200.00", costRate: "85.00" },
    intermediate: { billRate: "250.00", costRate: "105.00" },
    senior: { billRate: "300.00", costRate: "130.00" },
    senior_manager: { billRate: "350.00", costRate: "160.00" },
};

export class SowDomain1795726939218 implements MigrationInterface {
    name = 'SowDomain1795726939218'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "audit_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "actor_id" uuid, "action" character varying(100) NOT NULL, "entity_type" character varying(50) NOT NULL, "entity_id" character varying(100) NOT NULL, "sow_id" uuid, "before" jsonb, "after" jsonb, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_audit_events_sow" ON "audit_events"  ("sow_id", "at") `);
        await queryRunner.query(`CREATE INDEX "ix_audit_events_entity" ON "audit_events"  ("entity_type", "entity_id", "at") `);
        await queryRunner.query(`CREATE TYPE "public"."clearance_level" AS ENUM('public_trust', 'secret', 'top_secret')`);
        await queryRunner.query(`CREATE TABLE "customers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "region" character varying(64) NOT NULL, "public_sector" boolean NOT NULL DEFAULT false, "required_clearance" "public"."clearance_level", "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_133ec679a801fab5e070f73d3ea" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TYPE "public"."engineer_level" AS ENUM('associate', 'intermediate', 'senior', 'senior_manager')`);
        await queryRunner.query(`CREATE TABLE "engineers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "email" character varying(254) NOT NULL, "level" "public"."engineer_level" NOT NULL, "lead_capable" boolean NOT NULL, "region" character varying(64) NOT NULL, "timezone" character varying(64) NOT NULL, "weekly_capacity_hours" numeric(5,2) NOT NULL, "utilization_target" numeric(4,3) NOT NULL, "max_utilization" numeric(4,3) NOT NULL, "travel_limit" numeric(4,3) NOT NULL, "clearance" "public"."clearance_level", "billable" boolean NOT NULL, "active" boolean NOT NULL DEFAULT true, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e058ee32d1395a16bd3b6fc0f66" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_engineers_email" ON "engineers"  ("email") `);
        await queryRunner.query(`CREATE TYPE "public"."sow_status" AS ENUM('draft', 'submitted', 'approved', 'rejected', 'active', 'completed', 'cancelled')`);
        await queryRunner.query(`CREATE TABLE "sows" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_id" uuid NOT NULL, "title" character varying(300) NOT NULL, "engagement_manager_id" uuid NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "currency" character(3) NOT NULL, "status" "public"."sow_status" NOT NULL DEFAULT 'draft', "required_clearance" "public"."clearance_level", "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_reason" text, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1bc640abdeb05b7492a7bdada54" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_sows_status" ON "sows"  ("status") `);
        await queryRunner.query(`CREATE INDEX "ix_sows_customer" ON "sows"  ("customer_id") `);
        await queryRunner.query(`CREATE TYPE "public"."change_request_status" AS ENUM('submitted', 'approved', 'rejected', 'withdrawn')`);
        await queryRunner.query(`CREATE TABLE "change_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sow_id" uuid NOT NULL, "reason" text NOT NULL, "changes" jsonb NOT NULL, "status" "public"."change_request_status" NOT NULL DEFAULT 'submitted', "requested_by" uuid NOT NULL, "sow_version" integer NOT NULL, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_reason" text, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e3f28255a6e818820f18f6d5956" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_change_requests_sow" ON "change_requests"  ("sow_id") `);
        await queryRunner.query(`CREATE TYPE "public"."skill_category" AS ENUM('iac', 'cloud', 'platform', 'migration', 'language', 'delivery')`);
        await queryRunner.query(`CREATE TABLE "skills" ("key" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "category" "public"."skill_category" NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_24dfe4ab996e0cd7f3cd1393826" PRIMARY KEY ("key"))`);
        await queryRunner.query(`CREATE TYPE "public"."proficiency" AS ENUM('exposure', 'experience', 'mastery')`);
        await queryRunner.query(`CREATE TABLE "engineer_skills" ("engineer_id" uuid NOT NULL, "skill_key" character varying(64) NOT NULL, "proficiency" "public"."proficiency" NOT NULL, CONSTRAINT "PK_7589b4fdc230b9acfad81d275cc" PRIMARY KEY ("engineer_id", "skill_key"))`);
        await queryRunner.query(`CREATE INDEX "ix_engineer_skills_skill" ON "engineer_skills"  ("skill_key", "proficiency") `);
        await queryRunner.query(`CREATE TABLE "outbox_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "type" character varying(100) NOT NULL, "aggregate_type" character varying(50) NOT NULL, "aggregate_id" uuid NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6689a16c00d09b8089f6237f1d2" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_outbox_events_unsent" ON "outbox_events"  ("created_at") WHERE sent_at IS NULL`);
        await queryRunner.query(`CREATE TABLE "rate_cards" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "currency" character(3) NOT NULL, "name" character varying(200) NOT NULL, "rates" jsonb NOT NULL, "active" boolean NOT NULL DEFAULT true, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_54c4a5c4872b2339d848e5d9eb5" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_rate_cards_currency" ON "rate_cards"  ("currency") `);
        await queryRunner.query(`CREATE TYPE "public"."scope_item_kind" AS ENUM('installation', 'migration', 'training', 'advisory', 'documentation', 'health_check')`);
        await queryRunner.query(`CREATE TYPE "public"."scope_item_status" AS ENUM('planned', 'in_progress', 'done', 'cancelled')`);
        await queryRunner.query(`CREATE TABLE "scope_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sow_id" uuid NOT NULL, "template_key" character varying(100), "parameters" jsonb, "kind" "public"."scope_item_kind" NOT NULL, "title" character varying(300) NOT NULL, "details" jsonb NOT NULL, "estimated_hours" numeric(10,2) NOT NULL, "min_level" "public"."engineer_level" NOT NULL, "required_skills" jsonb NOT NULL DEFAULT '[]', "onsite_days" integer NOT NULL DEFAULT '0', "start_date" date NOT NULL, "end_date" date NOT NULL, "status" "public"."scope_item_status" NOT NULL DEFAULT 'planned', "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_47911d25fe5119c04ac5b411205" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_scope_items_sow" ON "scope_items"  ("sow_id") `);
        await queryRunner.query(`CREATE TABLE "scope_templates" ("key" character varying(100) NOT NULL, "name" character varying(200) NOT NULL, "kind" "public"."scope_item_kind" NOT NULL, "description" text NOT NULL, "defaults" jsonb NOT NULL, "parameters" jsonb NOT NULL, "sources" jsonb NOT NULL DEFAULT '[]', "builtin" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4b7a6bbf6201e1380bb06cd4072" PRIMARY KEY ("key"))`);
        await queryRunner.query(`CREATE TYPE "public"."time_off_kind" AS ENUM('pto', 'internal', 'training')`);
        await queryRunner.query(`CREATE TABLE "time_off" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "engineer_id" uuid NOT NULL, "kind" "public"."time_off_kind" NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "note" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e80a790cc96026d0f557a78f83d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_time_off_engineer_dates" ON "time_off"  ("engineer_id", "start_date", "end_date") `);
        await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "FK_2ed167e72ddfd53d28b0103f323" FOREIGN KEY ("engineer_id") REFERENCES "engineers"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "sows" ADD CONSTRAINT "FK_e17d34593b6b914d348c9b2f6b3" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "sows" ADD CONSTRAINT "FK_ceabbe382bb331d1ef3533570a8" FOREIGN KEY ("engagement_manager_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "change_requests" ADD CONSTRAINT "FK_350cc4b9269c131e11cebce0433" FOREIGN KEY ("sow_id") REFERENCES "sows"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "engineer_skills" ADD CONSTRAINT "FK_cd67fbcdb4b89a03f6b7d707f17" FOREIGN KEY ("engineer_id") REFERENCES "engineers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "engineer_skills" ADD CONSTRAINT "FK_c780d7f00948be693879af83d96" FOREIGN KEY ("skill_key") REFERENCES "skills"("key") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "scope_items" ADD CONSTRAINT "FK_66ebbb832e062fee76e8577bb7b" FOREIGN KEY ("sow_id") REFERENCES "sows"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "time_off" ADD CONSTRAINT "FK_15a3c3cae0f85185d59c3a2a88d" FOREIGN KEY ("engineer_id") REFERENCES "engineers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        // Reference data, seeded from the domain constants so code and table agree.
        await queryRunner.query(
            `INSERT INTO "skills" ("key", "name", "category")
             SELECT x.key, x.name, x.category::"public"."skill_category" FROM jsonb_to_recordset($1::jsonb) AS x(key text, name text, category text)`,
            [JSON.stringify(SEED_SKILLS)],
        );
        const templates = SCOPE_TEMPLATES.map((t) => ({
            key: t.key,
            name: t.name,
            kind: t.kind,
            description: t.description,
            defaults: { estimatedHours: t.defaultEstimatedHours, requiredSkills: t.requiredSkills, minLevel: t.minLevel, onsiteDays: t.onsiteDays },
            parameters: t.parameters,
            sources: t.sources,
        }));
        await queryRunner.query(
            `INSERT INTO "scope_templates" ("key", "name", "kind", "description", "defaults", "parameters", "sources", "builtin")
             SELECT x.key, x.name, x.kind::"public"."scope_item_kind", x.description, x.defaults, x.parameters, x.sources, true
             FROM jsonb_to_recordset($1::jsonb) AS x(key text, name text, kind text, description text, defaults jsonb, parameters jsonb, sources jsonb)`,
            [JSON.stringify(templates)],
        );
        await queryRunner.query(
            `INSERT INTO "rate_cards" ("currency", "name", "rates", "active") VALUES ($1, $2, $3::jsonb, true)`,
            ["USD", "Standard USD rate card", JSON.stringify(SEED_USD_RATES)],
        );
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "time_off" DROP CONSTRAINT "FK_15a3c3cae0f85185d59c3a2a88d"`);
        await queryRunner.query(`ALTER TABLE "scope_items" DROP CONSTRAINT "FK_66ebbb832e062fee76e8577bb7b"`);
        await queryRunner.query(`ALTER TABLE "engineer_skills" DROP CONSTRAINT "FK_c780d7f00948be693879af83d96"`);
        await queryRunner.query(`ALTER TABLE "engineer_skills" DROP CONSTRAINT "FK_cd67fbcdb4b89a03f6b7d707f17"`);
        await queryRunner.query(`ALTER TABLE "change_requests" DROP CONSTRAINT "FK_350cc4b9269c131e11cebce0433"`);
        await queryRunner.query(`ALTER TABLE "sows" DROP CONSTRAINT "FK_ceabbe382bb331d1ef3533570a8"`);
        await queryRunner.query(`ALTER TABLE "sows" DROP CONSTRAINT "FK_e17d34593b6b914d348c9b2f6b3"`);
        await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_2ed167e72ddfd53d28b0103f323"`);
        await queryRunner.query(`DROP INDEX "public"."ix_time_off_engineer_dates"`);
        await queryRunner.query(`DROP TABLE "time_off"`);
        await queryRunner.query(`DROP TYPE "public"."time_off_kind"`);
        await queryRunner.query(`DROP TABLE "scope_templates"`);
        await queryRunner.query(`DROP INDEX "public"."ix_scope_items_sow"`);
        await queryRunner.query(`DROP TABLE "scope_items"`);
        await queryRunner.query(`DROP TYPE "public"."scope_item_status"`);
        await queryRunner.query(`DROP TYPE "public"."scope_item_kind"`);
        await queryRunner.query(`DROP INDEX "public"."uq_rate_cards_currency"`);
        await queryRunner.query(`DROP TABLE "rate_cards"`);
        await queryRunner.query(`DROP INDEX "public"."ix_outbox_events_unsent"`);
        await queryRunner.query(`DROP TABLE "outbox_events"`);
        await queryRunner.query(`DROP INDEX "public"."ix_engineer_skills_skill"`);
        await queryRunner.query(`DROP TABLE "engineer_skills"`);
        await queryRunner.query(`DROP TYPE "public"."proficiency"`);
        await queryRunner.query(`DROP TABLE "skills"`);
        await queryRunner.query(`DROP TYPE "public"."skill_category"`);
        await queryRunner.query(`DROP INDEX "public"."ix_change_requests_sow"`);
        await queryRunner.query(`DROP TABLE "change_requests"`);
        await queryRunner.query(`DROP TYPE "public"."change_request_status"`);
        await queryRunner.query(`DROP INDEX "public"."ix_sows_customer"`);
        await queryRunner.query(`DROP INDEX "public"."ix_sows_status"`);
        await queryRunner.query(`DROP TABLE "sows"`);
        await queryRunner.query(`DROP TYPE "public"."sow_status"`);
        await queryRunner.query(`DROP INDEX "public"."uq_engineers_email"`);
        await queryRunner.query(`DROP TABLE "engineers"`);
        await queryRunner.query(`DROP TYPE "public"."engineer_level"`);
        await queryRunner.query(`DROP TABLE "customers"`);
        await queryRunner.query(`DROP TYPE "public"."clearance_level"`);
        await queryRunner.query(`DROP INDEX "public"."ix_audit_events_entity"`);
        await queryRunner.query(`DROP INDEX "public"."ix_audit_events_sow"`);
        await queryRunner.query(`DROP TABLE "audit_events"`);
    }

}
