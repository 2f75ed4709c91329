import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PesXades1795474810072 implements MigrationInterface {
  name = 'PesXades1795474810072';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenants" ADD "city" character varying(100)`);
    await queryRunner.query(`ALTER TABLE "tenants" ADD "postal_code" character varying(10)`);
    await queryRunner.query(`ALTER TABLE "documents" ADD "xml_signature_target" character varying(10)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "documents" DROP COLUMN "xml_signature_target"`);
    await queryRunner.query(`ALTER TABLE "tenants" DROP COLUMN "postal_code"`);
    await queryRunner.query(`ALTER TABLE "tenants" DROP COLUMN "city"`);
  }
}
