import { MigrationInterface, QueryRunner } from 'typeorm';

/** What a proposed plan could not staff, and why: kept with the plan so the reviewer sees it. */
export class PlanUnstaffedItems1796000000000 implements MigrationInterface {
  name = 'PlanUnstaffedItems1796000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "staffing_plans" ADD "unstaffed" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "staffing_plans" DROP COLUMN "unstaffed"`);
  }
}
