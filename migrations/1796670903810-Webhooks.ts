import { MigrationInterface, QueryRunner } from "typeorm";

export class Webhooks1796670903810 implements MigrationInterface {
    name = 'Webhooks1796670903810'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "webhook_endpoints" ("version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "url" character varying(2000) NOT NULL, "description" character varying(500) NOT NULL DEFAULT '', "events" text array NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "disabled_reason" character varying(20), "secret" character varying(100) NOT NULL, "previous_secret" character varying(100), "previous_secret_expires_at" TIMESTAMP WITH TIME ZONE, "failing_since" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_054c4cfb95223732f5939d2d546" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "webhook_messages" ("id" character varying(40) NOT NULL, "type" character varying(100) NOT NULL, "body" text NOT NULL, "outbox_event_id" uuid, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_526e8e1655924920adc4cd30dcd" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_webhook_messages_occurred_at" ON "webhook_messages"  ("occurred_at") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_webhook_messages_outbox_event" ON "webhook_messages"  ("outbox_event_id") WHERE outbox_event_id IS NOT NULL`);
        await queryRunner.query(`CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "message_id" character varying(40) NOT NULL, "endpoint_id" uuid NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_attempt_at" TIMESTAMP WITH TIME ZONE, "response_status" integer, "latency_ms" integer, "last_error" character varying(500), "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_webhook_deliveries_due" ON "webhook_deliveries"  ("next_attempt_at") WHERE status IN ('pending', 'delivering')`);
        await queryRunner.query(`CREATE INDEX "ix_webhook_deliveries_endpoint" ON "webhook_deliveries"  ("endpoint_id", "created_at") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_webhook_deliveries_message_endpoint" ON "webhook_deliveries"  ("message_id", "endpoint_id") `);
        await queryRunner.query(`CREATE INDEX "ix_outbox_events_created_at" ON "outbox_events"  ("created_at") `);
        await queryRunner.query(`ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_35330ff895962f7bd8a46c18177" FOREIGN KEY ("message_id") REFERENCES "webhook_messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_0b882c26a9b91c26e6e86b4867c" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_0b882c26a9b91c26e6e86b4867c"`);
        await queryRunner.query(`ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_35330ff895962f7bd8a46c18177"`);
        await queryRunner.query(`DROP INDEX "public"."ix_outbox_events_created_at"`);
        await queryRunner.query(`DROP INDEX "public"."uq_webhook_deliveries_message_endpoint"`);
        await queryRunner.query(`DROP INDEX "public"."ix_webhook_deliveries_endpoint"`);
        await queryRunner.query(`DROP INDEX "public"."ix_webhook_deliveries_due"`);
        await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
        await queryRunner.query(`DROP INDEX "public"."uq_webhook_messages_outbox_event"`);
        await queryRunner.query(`DROP INDEX "public"."ix_webhook_messages_occurred_at"`);
        await queryRunner.query(`DROP TABLE "webhook_messages"`);
        await queryRunner.query(`DROP TABLE "webhook_endpoints"`);
    }

}
