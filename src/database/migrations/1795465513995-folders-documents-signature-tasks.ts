import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FoldersDocumentsSignatureTasks1795465513995 implements MigrationInterface {
  name = 'FoldersDocumentsSignatureTasks1795465513995';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "blobs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "sha256" character(64) NOT NULL, "size" bigint NOT NULL, "content_type" character varying(200) NOT NULL, "data" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fe61649fa345f685eb31b949e4c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_blobs_tenant_sha256" ON "blobs" ("tenant_id", "sha256") `);
    await queryRunner.query(`CREATE TABLE "folders" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "typology_id" uuid NOT NULL, "circuit_version_id" uuid, "title" character varying(300) NOT NULL, "external_id" character varying(200), "metadata" jsonb NOT NULL DEFAULT '{}', "status" character varying(20) NOT NULL, "current_step" integer, "due_at" TIMESTAMP WITH TIME ZONE, "created_by_user_id" uuid, "created_by_api_key_id" uuid, "finished_reason" text, "finished_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8578bd31b0e7f6d6c2480dbbca8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_folders_tenant_status" ON "folders" ("tenant_id", "status") `);
    await queryRunner.query(`CREATE INDEX "IDX_folders_tenant_created" ON "folders" ("tenant_id", "created_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_folders_tenant_external_id" ON "folders" ("tenant_id", "external_id") WHERE "external_id" IS NOT NULL`);
    await queryRunner.query(`CREATE TABLE "documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "folder_id" uuid NOT NULL, "role" character varying(10) NOT NULL, "file_name" character varying(255) NOT NULL, "content_type" character varying(200) NOT NULL, "position" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_documents_folder_role_position" UNIQUE ("folder_id", "role", "position"), CONSTRAINT "PK_ac51aa5181ee2036f5ca482857c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_documents_tenant_folder" ON "documents" ("tenant_id", "folder_id") `);
    await queryRunner.query(`CREATE TABLE "document_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "document_id" uuid NOT NULL, "version" integer NOT NULL, "blob_id" uuid NOT NULL, "sha256" character(64) NOT NULL, "size" bigint NOT NULL, "signature" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_document_versions_document_version" UNIQUE ("document_id", "version"), CONSTRAINT "PK_baf26dab035c6d6fc433f9dc6a2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_document_versions_tenant" ON "document_versions" ("tenant_id") `);
    await queryRunner.query(`CREATE TABLE "comments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "folder_id" uuid NOT NULL, "author_user_id" uuid, "author_api_key_id" uuid, "author_name" character varying(200) NOT NULL, "body" text NOT NULL, "visibility" character varying(10) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8bf68bc960f2b69e818bdb90dcb" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_comments_tenant_folder" ON "comments" ("tenant_id", "folder_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "folder_steps" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "folder_id" uuid NOT NULL, "position" integer NOT NULL, "kind" character varying(20) NOT NULL, "name" character varying(200), "desk_ids" uuid array NOT NULL, "quorum" character varying(10) NOT NULL, "status" character varying(20) NOT NULL, "round" integer NOT NULL DEFAULT '1', "activated_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_folder_steps_folder_position" UNIQUE ("folder_id", "position"), CONSTRAINT "PK_a0ee059b3b15abb21e365d3a081" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_folder_steps_tenant_status" ON "folder_steps" ("tenant_id", "status") `);
    await queryRunner.query(`CREATE TABLE "signature_tasks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "folder_id" uuid NOT NULL, "folder_step_id" uuid NOT NULL, "round" integer NOT NULL DEFAULT '1', "document_id" uuid NOT NULL, "base_version" integer NOT NULL, "signer_user_id" uuid, "desk_id" uuid, "on_behalf_of_desk_id" uuid, "consent_id" uuid, "status" character varying(10) NOT NULL, "error" text, "result_version_id" uuid, "attempts" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_signature_tasks_step_document_round" UNIQUE ("folder_step_id", "document_id", "round"), CONSTRAINT "PK_abddb3e5d237288c62c69bba43e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_signature_tasks_tenant_folder" ON "signature_tasks" ("tenant_id", "folder_id") `);
    await queryRunner.query(`CREATE TABLE "step_approvals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "folder_step_id" uuid NOT NULL, "round" integer NOT NULL DEFAULT '1', "desk_id" uuid NOT NULL, "actor_user_id" uuid, "actor_name" character varying(200) NOT NULL, "on_behalf_of_desk_id" uuid, "delegation_id" uuid, "action" character varying(20) NOT NULL, "reason" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_step_approvals_step_desk_round" UNIQUE ("folder_step_id", "desk_id", "round"), CONSTRAINT "PK_a5a9c09649cb1ff8423bbcc4bc8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_step_approvals_tenant_actor" ON "step_approvals" ("tenant_id", "actor_user_id") `);
    await queryRunner.query(`ALTER TABLE "blobs" ADD CONSTRAINT "FK_7419c5503e8db2b8a74295d4dfd" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "folders" ADD CONSTRAINT "FK_9d2442d00527b798fefeae83f0f" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "folders" ADD CONSTRAINT "FK_6cd3cdae7ab668369beb8061497" FOREIGN KEY ("created_by_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "folders" ADD CONSTRAINT "FK_1dfda3515f1fcd7f408721c3816" FOREIGN KEY ("created_by_api_key_id") REFERENCES "api_keys"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "documents" ADD CONSTRAINT "FK_5109a94ccfd3f39bf4a7a1e1fa6" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "documents" ADD CONSTRAINT "FK_e0ccba38ea80d444e2f4614d7cd" FOREIGN KEY ("folder_id") REFERENCES "folders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "document_versions" ADD CONSTRAINT "FK_f7dd57ce45ece40350a0d13997c" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "document_versions" ADD CONSTRAINT "FK_ac75577bca976d6d581b0f459b6" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "document_versions" ADD CONSTRAINT "FK_b76afffe5488b7afad36f3cbda7" FOREIGN KEY ("blob_id") REFERENCES "blobs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "comments" ADD CONSTRAINT "FK_bae41308a2185399e6bec738b56" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "comments" ADD CONSTRAINT "FK_70ee57dc4ea925a59fb4de40887" FOREIGN KEY ("folder_id") REFERENCES "folders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "folder_steps" ADD CONSTRAINT "FK_9b5d332b67fc6e219fd203612b6" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "folder_steps" ADD CONSTRAINT "FK_db7a301ee15e622f00ee9bb1ce5" FOREIGN KEY ("folder_id") REFERENCES "folders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "signature_tasks" ADD CONSTRAINT "FK_7350db4f31b01fa4e8d15c4430c" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "signature_tasks" ADD CONSTRAINT "FK_c7b6bd97497776693bc9d3ee648" FOREIGN KEY ("folder_id") REFERENCES "folders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "signature_tasks" ADD CONSTRAINT "FK_d528b5395fd8ff7f45a199d54ab" FOREIGN KEY ("folder_step_id") REFERENCES "folder_steps"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "signature_tasks" ADD CONSTRAINT "FK_cfb7ee33fccefb46dee346a7729" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "signature_tasks" ADD CONSTRAINT "FK_572ac18119b5f65fbbb9d847965" FOREIGN KEY ("result_version_id") REFERENCES "document_versions"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "step_approvals" ADD CONSTRAINT "FK_b40ee9e2ec947ed8e610c570ade" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "step_approvals" ADD CONSTRAINT "FK_d42f67dfa6123aa079c3ec84c41" FOREIGN KEY ("folder_step_id") REFERENCES "folder_steps"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "step_approvals" DROP CONSTRAINT "FK_d42f67dfa6123aa079c3ec84c41"`);
    await queryRunner.query(`ALTER TABLE "step_approvals" DROP CONSTRAINT "FK_b40ee9e2ec947ed8e610c570ade"`);
    await queryRunner.query(`ALTER TABLE "signature_tasks" DROP CONSTRAINT "FK_572ac18119b5f65fbbb9d847965"`);
    await queryRunner.query(`ALTER TABLE "signature_tasks" DROP CONSTRAINT "FK_cfb7ee33fccefb46dee346a7729"`);
    await queryRunner.query(`ALTER TABLE "signature_tasks" DROP CONSTRAINT "FK_d528b5395fd8ff7f45a199d54ab"`);
    await queryRunner.query(`ALTER TABLE "signature_tasks" DROP CONSTRAINT "FK_c7b6bd97497776693bc9d3ee648"`);
    await queryRunner.query(`ALTER TABLE "signature_tasks" DROP CONSTRAINT "FK_7350db4f31b01fa4e8d15c4430c"`);
    await queryRunner.query(`ALTER TABLE "folder_steps" DROP CONSTRAINT "FK_db7a301ee15e622f00ee9bb1ce5"`);
    await queryRunner.query(`ALTER TABLE "folder_steps" DROP CONSTRAINT "FK_9b5d332b67fc6e219fd203612b6"`);
    await queryRunner.query(`ALTER TABLE "comments" DROP CONSTRAINT "FK_70ee57dc4ea925a59fb4de40887"`);
    await queryRunner.query(`ALTER TABLE "comments" DROP CONSTRAINT "FK_bae41308a2185399e6bec738b56"`);
    await queryRunner.query(`ALTER TABLE "document_versions" DROP CONSTRAINT "FK_b76afffe5488b7afad36f3cbda7"`);
    await queryRunner.query(`ALTER TABLE "document_versions" DROP CONSTRAINT "FK_ac75577bca976d6d581b0f459b6"`);
    await queryRunner.query(`ALTER TABLE "document_versions" DROP CONSTRAINT "FK_f7dd57ce45ece40350a0d13997c"`);
    await queryRunner.query(`ALTER TABLE "documents" DROP CONSTRAINT "FK_e0ccba38ea80d444e2f4614d7cd"`);
    await queryRunner.query(`ALTER TABLE "documents" DROP CONSTRAINT "FK_5109a94ccfd3f39bf4a7a1e1fa6"`);
    await queryRunner.query(`ALTER TABLE "folders" DROP CONSTRAINT "FK_1dfda3515f1fcd7f408721c3816"`);
    await queryRunner.query(`ALTER TABLE "folders" DROP CONSTRAINT "FK_6cd3cdae7ab668369beb8061497"`);
    await queryRunner.query(`ALTER TABLE "folders" DROP CONSTRAINT "FK_9d2442d00527b798fefeae83f0f"`);
    await queryRunner.query(`ALTER TABLE "blobs" DROP CONSTRAINT "FK_7419c5503e8db2b8a74295d4dfd"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_step_approvals_tenant_actor"`);
    await queryRunner.query(`DROP TABLE "step_approvals"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_signature_tasks_tenant_folder"`);
    await queryRunner.query(`DROP TABLE "signature_tasks"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_folder_steps_tenant_status"`);
    await queryRunner.query(`DROP TABLE "folder_steps"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_comments_tenant_folder"`);
    await queryRunner.query(`DROP TABLE "comments"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_document_versions_tenant"`);
    await queryRunner.query(`DROP TABLE "document_versions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_documents_tenant_folder"`);
    await queryRunner.query(`DROP TABLE "documents"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_folders_tenant_external_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_folders_tenant_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_folders_tenant_status"`);
    await queryRunner.query(`DROP TABLE "folders"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_blobs_tenant_sha256"`);
    await queryRunner.query(`DROP TABLE "blobs"`);
  }
}
