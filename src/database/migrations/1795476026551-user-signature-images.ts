import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UserSignatureImages1795476026551 implements MigrationInterface {
  name = 'UserSignatureImages1795476026551';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "user_signature_images" ("user_id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "png" bytea NOT NULL, "width" integer NOT NULL, "height" integer NOT NULL, "sha256" character(64) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_41a8b621f99bea2f9c6c36860fa" PRIMARY KEY ("user_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_197067f7b07c9042f245b4635c" ON "user_signature_images" ("tenant_id") `);
    await queryRunner.query(`ALTER TABLE "user_signature_images" ADD CONSTRAINT "FK_41a8b621f99bea2f9c6c36860fa" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "user_signature_images" ADD CONSTRAINT "FK_197067f7b07c9042f245b4635c6" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_signature_images" DROP CONSTRAINT "FK_197067f7b07c9042f245b4635c6"`);
    await queryRunner.query(`ALTER TABLE "user_signature_images" DROP CONSTRAINT "FK_41a8b621f99bea2f9c6c36860fa"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_197067f7b07c9042f245b4635c"`);
    await queryRunner.query(`DROP TABLE "user_signature_images"`);
  }
}
