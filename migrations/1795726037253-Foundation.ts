import { MigrationInterface, QueryRunner } from "typeorm";

export class Foundation1795726037253 implements MigrationInterface {
    name = 'Foundation1795726037253'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."queue_check_status" AS ENUM('queued', 'completed', 'failed')`);
        await queryRunner.query(`CREATE TABLE "queue_checks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "status" "public"."queue_check_status" NOT NULL DEFAULT 'queued', "requested_by" uuid, "processed_by" character varying(200), "attempts" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_1f683cba69fbb56e538aa80e565" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TYPE "public"."user_role" AS ENUM('admin', 'senior_manager', 'engagement_manager', 'engineer')`);
        await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "password_hash" character varying(255) NOT NULL, "role" "public"."user_role" NOT NULL, "engineer_id" uuid, "active" boolean NOT NULL DEFAULT true, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_email" ON "users"  ("email") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."uq_users_email"`);
        await queryRunner.query(`DROP TABLE "users"`);
        await queryRunner.query(`DROP TYPE "public"."user_role"`);
        await queryRunner.query(`DROP TABLE "queue_checks"`);
        await queryRunner.query(`DROP TYPE "public"."queue_check_status"`);
    }

}
