import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SignatureTasksPerDesk1795466875529 implements MigrationInterface {
  name = 'SignatureTasksPerDesk1795466875529';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "signature_tasks" DROP CONSTRAINT "UQ_signature_tasks_step_document_round"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_signature_tasks_step_document_round_seal" ON "signature_tasks" ("folder_step_id", "document_id", "round") WHERE "desk_id" IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_signature_tasks_step_document_round_desk" ON "signature_tasks" ("folder_step_id", "document_id", "round", "desk_id") WHERE "desk_id" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."UQ_signature_tasks_step_document_round_desk"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_signature_tasks_step_document_round_seal"`);
    await queryRunner.query(`ALTER TABLE "signature_tasks" ADD CONSTRAINT "UQ_signature_tasks_step_document_round" UNIQUE ("folder_step_id", "round", "document_id")`);
  }
}
