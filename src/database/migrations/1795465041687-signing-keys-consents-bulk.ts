import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SigningKeysConsentsBulk1795465041687 implements MigrationInterface {
  name = 'SigningKeysConsentsBulk1795465041687';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "bulk_batches" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "user_id" uuid NOT NULL, "action" character varying(16) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'running', "consent_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_1faa2e3cd00ca52edf8fc34b7ce" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_bulk_batches_tenant_user" ON "bulk_batches" ("tenant_id", "user_id") `);
    await queryRunner.query(`CREATE TABLE "bulk_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "batch_id" uuid NOT NULL, "folder_id" uuid NOT NULL, "position" integer NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "error" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8864ce086cd65dfe2ded4f22f01" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_bulk_items_tenant_folder" ON "bulk_items" ("tenant_id", "folder_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_bulk_items_batch_folder" ON "bulk_items" ("batch_id", "folder_id") `);
    await queryRunner.query(`CREATE TABLE "signing_consents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "user_id" uuid NOT NULL, "signing_key_id" uuid NOT NULL, "method" character varying(16) NOT NULL, "folder_ids" uuid array NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ef7acb1d2d1a0a66eb9a7c754b9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_signing_consents_tenant_user" ON "signing_consents" ("tenant_id", "user_id") `);
    await queryRunner.query(`CREATE TABLE "signing_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "user_id" uuid, "source" character varying(16) NOT NULL, "certificate_pem" text NOT NULL, "chain_pem" text NOT NULL, "private_key_enc" text NOT NULL, "key_version" integer NOT NULL DEFAULT '1', "pin_hash" character varying(255), "pin_failures" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "subject" character varying(500) NOT NULL, "not_after" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_ab7d78cf6e61dc3904133b4cd55" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_signing_keys_active_seal" ON "signing_keys" ("tenant_id") WHERE "revoked_at" IS NULL AND "user_id" IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_signing_keys_active_user" ON "signing_keys" ("tenant_id", "user_id") WHERE "revoked_at" IS NULL AND "user_id" IS NOT NULL`);
    await queryRunner.query(`CREATE TABLE "tenant_cas" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "root_certificate_pem" text NOT NULL, "certificate_pem" text NOT NULL, "private_key_enc" text NOT NULL, "key_version" integer NOT NULL DEFAULT '1', "not_after" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_7675a9edad5785539acd8ca9bd9" UNIQUE ("tenant_id"), CONSTRAINT "PK_b45c5e37c4933715de3c07d1742" PRIMARY KEY ("id"))`);
    await queryRunner.query(`ALTER TABLE "bulk_batches" ADD CONSTRAINT "FK_92b2bf6b6aa573dd50563079641" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "bulk_items" ADD CONSTRAINT "FK_70fac0b99599a0978050538b973" FOREIGN KEY ("batch_id") REFERENCES "bulk_batches"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "signing_consents" ADD CONSTRAINT "FK_ecd1e7f4a2dd1e4f8b68e6bfbc6" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "signing_keys" ADD CONSTRAINT "FK_4743a982b7bef0a8b4fa6c7003e" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "signing_keys" ADD CONSTRAINT "FK_816e57e741554046bba426646bc" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "tenant_cas" ADD CONSTRAINT "FK_7675a9edad5785539acd8ca9bd9" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenant_cas" DROP CONSTRAINT "FK_7675a9edad5785539acd8ca9bd9"`);
    await queryRunner.query(`ALTER TABLE "signing_keys" DROP CONSTRAINT "FK_816e57e741554046bba426646bc"`);
    await queryRunner.query(`ALTER TABLE "signing_keys" DROP CONSTRAINT "FK_4743a982b7bef0a8b4fa6c7003e"`);
    await queryRunner.query(`ALTER TABLE "signing_consents" DROP CONSTRAINT "FK_ecd1e7f4a2dd1e4f8b68e6bfbc6"`);
    await queryRunner.query(`ALTER TABLE "bulk_items" DROP CONSTRAINT "FK_70fac0b99599a0978050538b973"`);
    await queryRunner.query(`ALTER TABLE "bulk_batches" DROP CONSTRAINT "FK_92b2bf6b6aa573dd50563079641"`);
    await queryRunner.query(`DROP TABLE "tenant_cas"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_signing_keys_active_user"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_signing_keys_active_seal"`);
    await queryRunner.query(`DROP TABLE "signing_keys"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_signing_consents_tenant_user"`);
    await queryRunner.query(`DROP TABLE "signing_consents"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_bulk_items_batch_folder"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bulk_items_tenant_folder"`);
    await queryRunner.query(`DROP TABLE "bulk_items"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bulk_batches_tenant_user"`);
    await queryRunner.query(`DROP TABLE "bulk_batches"`);
  }
}
