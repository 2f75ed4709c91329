import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SigningKeysHsm1795474037076 implements MigrationInterface {
  name = 'SigningKeysHsm1795474037076';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "signing_keys" ADD "hsm_key" jsonb`);
    await queryRunner.query(`ALTER TABLE "signing_keys" ALTER COLUMN "private_key_enc" DROP NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // PKCS#11 keys cannot be expressed without the column: they are revoked with an empty sealed key.
    await queryRunner.query(`UPDATE "signing_keys" SET "private_key_enc" = '', "revoked_at" = COALESCE("revoked_at", now()) WHERE "private_key_enc" IS NULL`);
    await queryRunner.query(`ALTER TABLE "signing_keys" ALTER COLUMN "private_key_enc" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "signing_keys" DROP COLUMN "hsm_key"`);
  }
}
