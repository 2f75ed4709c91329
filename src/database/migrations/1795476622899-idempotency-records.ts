import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyRecords1795476622899 implements MigrationInterface {
  name = 'IdempotencyRecords1795476622899';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "idempotency_records" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "caller" character varying(80) NOT NULL, "key_hash" character(64) NOT NULL, "fingerprint" character(64) NOT NULL, "status" character varying(20) NOT NULL, "response_status" integer, "response_body" jsonb, "response_location" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_9ae4e93699362b0d4e3da3dd1c2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_idempotency_records_expires" ON "idempotency_records" ("expires_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_idempotency_records_caller_key" ON "idempotency_records" ("tenant_id", "caller", "key_hash") `);
    await queryRunner.query(`ALTER TABLE "idempotency_records" ADD CONSTRAINT "FK_665f2d6117814c817af1d6f101d" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_records" DROP CONSTRAINT "FK_665f2d6117814c817af1d6f101d"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_idempotency_records_caller_key"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_idempotency_records_expires"`);
    await queryRunner.query(`DROP TABLE "idempotency_records"`);
  }
}
