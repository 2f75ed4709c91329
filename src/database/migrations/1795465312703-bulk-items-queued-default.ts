import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BulkItemsQueuedDefault1795465312703 implements MigrationInterface {
  name = 'BulkItemsQueuedDefault1795465312703';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bulk_items" ALTER COLUMN "status" SET DEFAULT 'queued'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bulk_items" ALTER COLUMN "status" SET DEFAULT 'pending'`);
  }
}
