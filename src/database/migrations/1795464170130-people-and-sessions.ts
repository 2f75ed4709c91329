import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PeopleAndSessions1795464170130 implements MigrationInterface {
  name = 'PeopleAndSessions1795464170130';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "desks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "parent_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_desks_tenant_name" UNIQUE ("tenant_id", "name"), CONSTRAINT "PK_cb80c291b12d16786b843e6274f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_6e8b7eaedc210a32c64ab488f6" ON "desks" ("tenant_id") `);
    await queryRunner.query(`CREATE TABLE "delegations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "from_desk_id" uuid NOT NULL, "to_desk_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "typology_ids" uuid array, "created_by_user_id" uuid, "created_by_api_key_id" uuid, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_delegations_desks" CHECK ("from_desk_id" <> "to_desk_id"), CONSTRAINT "CHK_delegations_period" CHECK ("ends_at" > "starts_at"), CONSTRAINT "PK_01f9fbbc9b3bf52236a4e951b19" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_delegations_tenant_from" ON "delegations" ("tenant_id", "from_desk_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_delegations_tenant_to" ON "delegations" ("tenant_id", "to_desk_id") `);
    await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "email" character varying(254) NOT NULL, "display_name" character varying(200) NOT NULL, "title" character varying(200), "roles" text array NOT NULL, "password_hash" character varying(255), "totp_secret_enc" text, "totp_enabled" boolean NOT NULL DEFAULT false, "totp_last_step" integer, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"), CONSTRAINT "CHK_users_email_lower" CHECK ("email" = lower("email")), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_109638590074998bb72a2f2cf0" ON "users" ("tenant_id") `);
    await queryRunner.query(`CREATE TABLE "desk_holders" ("desk_id" uuid NOT NULL, "user_id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5bb52f4847536a2b2c9cafdb2af" PRIMARY KEY ("desk_id", "user_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_df74b65f7abd1d9138b26baf7e" ON "desk_holders" ("user_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_ebc7764e0c6ded3237a49bfe91" ON "desk_holders" ("tenant_id") `);
    await queryRunner.query(`CREATE TABLE "login_attempts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "key_hash" character(64) NOT NULL, "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_070e613c8f768b1a70742705c5b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_login_attempts_key_at" ON "login_attempts" ("key_hash", "attempted_at") `);
    await queryRunner.query(`CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "user_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "csrf_token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_abaa9e068cdd390bc5210f79884" UNIQUE ("token_hash"), CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_22aa22eb69a1e6826a1f58902d" ON "sessions" ("tenant_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_085d540d9f418cfbdc7bd55bb1" ON "sessions" ("user_id") `);
    await queryRunner.query(`ALTER TABLE "desks" ADD CONSTRAINT "FK_6e8b7eaedc210a32c64ab488f6b" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "desks" ADD CONSTRAINT "FK_55a0a1f653887ef31ce0abf68eb" FOREIGN KEY ("parent_id") REFERENCES "desks"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "delegations" ADD CONSTRAINT "FK_6e7e30b7985d7e9fe6e86aa30c3" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "delegations" ADD CONSTRAINT "FK_869acb2142083ea21cf08891ee8" FOREIGN KEY ("from_desk_id") REFERENCES "desks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "delegations" ADD CONSTRAINT "FK_7bddbac1ddcebd2376e4a9772f6" FOREIGN KEY ("to_desk_id") REFERENCES "desks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "FK_109638590074998bb72a2f2cf08" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "desk_holders" ADD CONSTRAINT "FK_ebc7764e0c6ded3237a49bfe91c" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "desk_holders" ADD CONSTRAINT "FK_05f71749fc1da2e5e5fd81b5801" FOREIGN KEY ("desk_id") REFERENCES "desks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "desk_holders" ADD CONSTRAINT "FK_df74b65f7abd1d9138b26baf7e7" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_22aa22eb69a1e6826a1f58902d1" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_22aa22eb69a1e6826a1f58902d1"`);
    await queryRunner.query(`ALTER TABLE "desk_holders" DROP CONSTRAINT "FK_df74b65f7abd1d9138b26baf7e7"`);
    await queryRunner.query(`ALTER TABLE "desk_holders" DROP CONSTRAINT "FK_05f71749fc1da2e5e5fd81b5801"`);
    await queryRunner.query(`ALTER TABLE "desk_holders" DROP CONSTRAINT "FK_ebc7764e0c6ded3237a49bfe91c"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_109638590074998bb72a2f2cf08"`);
    await queryRunner.query(`ALTER TABLE "delegations" DROP CONSTRAINT "FK_7bddbac1ddcebd2376e4a9772f6"`);
    await queryRunner.query(`ALTER TABLE "delegations" DROP CONSTRAINT "FK_869acb2142083ea21cf08891ee8"`);
    await queryRunner.query(`ALTER TABLE "delegations" DROP CONSTRAINT "FK_6e7e30b7985d7e9fe6e86aa30c3"`);
    await queryRunner.query(`ALTER TABLE "desks" DROP CONSTRAINT "FK_55a0a1f653887ef31ce0abf68eb"`);
    await queryRunner.query(`ALTER TABLE "desks" DROP CONSTRAINT "FK_6e8b7eaedc210a32c64ab488f6b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_085d540d9f418cfbdc7bd55bb1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_22aa22eb69a1e6826a1f58902d"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_login_attempts_key_at"`);
    await queryRunner.query(`DROP TABLE "login_attempts"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ebc7764e0c6ded3237a49bfe91"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_df74b65f7abd1d9138b26baf7e"`);
    await queryRunner.query(`DROP TABLE "desk_holders"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_109638590074998bb72a2f2cf0"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_delegations_tenant_to"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_delegations_tenant_from"`);
    await queryRunner.query(`DROP TABLE "delegations"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6e8b7eaedc210a32c64ab488f6"`);
    await queryRunner.query(`DROP TABLE "desks"`);
  }
}
