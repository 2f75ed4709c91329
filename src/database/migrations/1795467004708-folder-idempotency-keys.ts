import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FolderIdempotencyKeys1795467004708 implements MigrationInterface {
  name = 'FolderIdempotencyKeys1795467004708';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "folders" ADD "idempotency_key" character varying(200)`);
    await queryRunner.query(`ALTER TABLE "folders" ADD "request_sha256" character(64)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_folders_tenant_idempotency_key" ON "folders" ("tenant_id", "idempotency_key") WHERE "idempotency_key" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."UQ_folders_tenant_idempotency_key"`);
    await queryRunner.query(`ALTER TABLE "folders" DROP COLUMN "request_sha256"`);
    await queryRunner.query(`ALTER TABLE "folders" DROP COLUMN "idempotency_key"`);
  }
}
