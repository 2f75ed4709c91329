import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditTrailAndMailOutbox1795465370646 implements MigrationInterface {
  name = 'AuditTrailAndMailOutbox1795465370646';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_events" ("id" BIGSERIAL NOT NULL, "tenant_id" uuid NOT NULL, "seq" bigint NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor" jsonb NOT NULL, "action" character varying(100) NOT NULL, "folder_id" uuid, "payload" jsonb NOT NULL, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_audit_events_tenant_folder" ON "audit_events" ("tenant_id", "folder_id", "seq") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_audit_events_tenant_seq" ON "audit_events" ("tenant_id", "seq") `);
    await queryRunner.query(`CREATE TABLE "audit_heads" ("tenant_id" uuid NOT NULL, "seq" bigint NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_1bccae35f0491c35ddbab76444c" PRIMARY KEY ("tenant_id"))`);
    await queryRunner.query(`CREATE TABLE "mail_outbox" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "to" text NOT NULL, "subject" character varying(300) NOT NULL, "text" text NOT NULL, "html" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "error" text, CONSTRAINT "PK_fecc63c96385bc35a39ccf2a72e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_mail_outbox_tenant_created" ON "mail_outbox" ("tenant_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "audit_events" ADD CONSTRAINT "FK_d7ff59f708e396fd6c1656a66e9" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "audit_heads" ADD CONSTRAINT "FK_1bccae35f0491c35ddbab76444c" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" ADD CONSTRAINT "FK_24d2f20de4f38aaeba9d170cf3a" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Append-only audit trail: the owner role cannot be REVOKEd from, so a trigger refuses changes.
    await queryRunner.query(`CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF current_setting('parapheur.audit_maintenance', true) = 'on' THEN IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END IF; RAISE EXCEPTION 'audit_events is append-only: % refused (set parapheur.audit_maintenance = on for maintenance)', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_events_append_only_rows BEFORE UPDATE OR DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await queryRunner.query(`CREATE TRIGGER audit_events_append_only_truncate BEFORE TRUNCATE ON "audit_events" FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_events_append_only_truncate ON "audit_events"`);
    await queryRunner.query(`DROP TRIGGER audit_events_append_only_rows ON "audit_events"`);
    await queryRunner.query(`DROP FUNCTION audit_events_append_only()`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" DROP CONSTRAINT "FK_24d2f20de4f38aaeba9d170cf3a"`);
    await queryRunner.query(`ALTER TABLE "audit_heads" DROP CONSTRAINT "FK_1bccae35f0491c35ddbab76444c"`);
    await queryRunner.query(`ALTER TABLE "audit_events" DROP CONSTRAINT "FK_d7ff59f708e396fd6c1656a66e9"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_mail_outbox_tenant_created"`);
    await queryRunner.query(`DROP TABLE "mail_outbox"`);
    await queryRunner.query(`DROP TABLE "audit_heads"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_audit_events_tenant_seq"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_events_tenant_folder"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
  }
}
