import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Typology levels B-LT and B-LTA: the column widens (in place, values kept). */
export class TypologyLevelLongTerm1795475567982 implements MigrationInterface {
  name = 'TypologyLevelLongTerm1795475567982';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "typologies" ALTER COLUMN "level" TYPE character varying(5)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // B-LT / B-LTA folders keep their time-stamped signatures: B-T is what is left of them.
    await queryRunner.query(`UPDATE "typologies" SET "level" = 'B-T' WHERE "level" IN ('B-LT', 'B-LTA')`);
    await queryRunner.query(`ALTER TABLE "typologies" ALTER COLUMN "level" TYPE character varying(3)`);
  }
}
