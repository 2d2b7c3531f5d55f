import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Split staffing: a scope item may be shared by a team (one primary, maxTeamSize − 1 secondaries).
 * Existing installations and migrations get the default team size of their estimate.
 */
export class TeamStaffing1796661618065 implements MigrationInterface {
  name = 'TeamStaffing1796661618065';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "scope_items" ADD "max_team_size" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(
      `UPDATE "scope_items" SET "max_team_size" = CASE WHEN "estimated_hours" >= 320 THEN 3 ELSE 2 END WHERE "kind" IN ('installation', 'migration') AND "estimated_hours" >= 160`,
    );
    await queryRunner.query(`ALTER TYPE "public"."assignment_role" ADD VALUE 'secondary'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "assignments" WHERE "role" = 'secondary'`);
    await queryRunner.query(`CREATE TYPE "public"."assignment_role_old" AS ENUM('primary', 'lead', 'shadow')`);
    await queryRunner.query(`ALTER TABLE "assignments" ALTER COLUMN "role" TYPE "public"."assignment_role_old" USING "role"::"text"::"public"."assignment_role_old"`);
    await queryRunner.query(`DROP TYPE "public"."assignment_role"`);
    await queryRunner.query(`ALTER TYPE "public"."assignment_role_old" RENAME TO "assignment_role"`);
    await queryRunner.query(`ALTER TABLE "scope_items" DROP COLUMN "max_team_size"`);
  }
}
