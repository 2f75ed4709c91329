import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UserLinks1795473748966 implements MigrationInterface {
  name = 'UserLinks1795473748966';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "user_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "user_id" uuid NOT NULL, "purpose" character varying(20) NOT NULL, "token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9eb83d225b238275d61eeedd8b1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_user_links_token_hash" ON "user_links" ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "IDX_user_links_tenant_user" ON "user_links" ("tenant_id", "user_id") `);
    await queryRunner.query(`ALTER TABLE "user_links" ADD CONSTRAINT "FK_0db702793057048b3c659ca4634" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "user_links" ADD CONSTRAINT "FK_eeab762cfb0466ef8228be673f9" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_links" DROP CONSTRAINT "FK_eeab762cfb0466ef8228be673f9"`);
    await queryRunner.query(`ALTER TABLE "user_links" DROP CONSTRAINT "FK_0db702793057048b3c659ca4634"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_user_links_tenant_user"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_user_links_token_hash"`);
    await queryRunner.query(`DROP TABLE "user_links"`);
  }
}
