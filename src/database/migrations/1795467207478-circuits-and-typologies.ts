import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CircuitsAndTypologies1795467207478 implements MigrationInterface {
  name = 'CircuitsAndTypologies1795467207478';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "circuits" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "current_version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8909faf3f3e7b1c1b002936b92d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_circuits_tenant_name" ON "circuits" ("tenant_id", "name", "id") `);
    await queryRunner.query(`CREATE TABLE "circuit_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "circuit_id" uuid NOT NULL, "version" integer NOT NULL, "steps" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_circuit_versions_circuit_version" UNIQUE ("circuit_id", "version"), CONSTRAINT "PK_e846e17307e55ac245634d948e9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_9bc40a69cfbc58a1d90409e581" ON "circuit_versions" ("tenant_id") `);
    await queryRunner.query(`CREATE TABLE "typologies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "type" character varying(100) NOT NULL, "subtype" character varying(100) NOT NULL, "circuit_id" uuid NOT NULL, "level" character varying(3) NOT NULL, "stamp" jsonb NOT NULL, "metadata_schema" jsonb NOT NULL, "required_annexes" jsonb NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_typologies_tenant_type_subtype" UNIQUE ("tenant_id", "type", "subtype"), CONSTRAINT "PK_51597a477a1c106126847f9fbdd" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_typologies_circuit" ON "typologies" ("circuit_id") `);
    await queryRunner.query(`ALTER TABLE "circuits" ADD CONSTRAINT "FK_16ac90a618c1bfcce5f49bd36d3" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "circuit_versions" ADD CONSTRAINT "FK_9bc40a69cfbc58a1d90409e581b" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "circuit_versions" ADD CONSTRAINT "FK_5dcd8992f94a17a83c5dfccf6ad" FOREIGN KEY ("circuit_id") REFERENCES "circuits"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "typologies" ADD CONSTRAINT "FK_08dd1ae3a17f402941d2ce88896" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "typologies" ADD CONSTRAINT "FK_3d68866f2e040b9763447b11ce4" FOREIGN KEY ("circuit_id") REFERENCES "circuits"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "typologies" DROP CONSTRAINT "FK_3d68866f2e040b9763447b11ce4"`);
    await queryRunner.query(`ALTER TABLE "typologies" DROP CONSTRAINT "FK_08dd1ae3a17f402941d2ce88896"`);
    await queryRunner.query(`ALTER TABLE "circuit_versions" DROP CONSTRAINT "FK_5dcd8992f94a17a83c5dfccf6ad"`);
    await queryRunner.query(`ALTER TABLE "circuit_versions" DROP CONSTRAINT "FK_9bc40a69cfbc58a1d90409e581b"`);
    await queryRunner.query(`ALTER TABLE "circuits" DROP CONSTRAINT "FK_16ac90a618c1bfcce5f49bd36d3"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_typologies_circuit"`);
    await queryRunner.query(`DROP TABLE "typologies"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9bc40a69cfbc58a1d90409e581"`);
    await queryRunner.query(`DROP TABLE "circuit_versions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_circuits_tenant_name"`);
    await queryRunner.query(`DROP TABLE "circuits"`);
  }
}
