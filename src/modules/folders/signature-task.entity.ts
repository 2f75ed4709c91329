import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Document } from '../documents/document.entity';
import { DocumentVersion } from '../documents/document-version.entity';
import { Tenant } from '../tenants/tenant.entity';
import { FolderStep } from './folder-step.entity';
import { Folder } from './folder.entity';

export enum SignatureTaskStatus {
  Queued = 'queued',
  Running = 'running',
  Done = 'done',
  Failed = 'failed',
}

/**
 * One document to sign on one step, round and desk (quorum `all` signature steps get one set per
 * desk; a seal step, desk null, one set): the idempotency key of the `signing.sign-document` job
 * (jobId = task id). The signing processor fills it; folders create it.
 */
@Entity({ name: 'signature_tasks' })
@Index('UQ_signature_tasks_step_document_round_desk', ['folderStepId', 'documentId', 'round', 'deskId'], { unique: true, where: '"desk_id" IS NOT NULL' })
@Index('UQ_signature_tasks_step_document_round_seal', ['folderStepId', 'documentId', 'round'], { unique: true, where: '"desk_id" IS NULL' })
@Index('IDX_signature_tasks_tenant_folder', ['tenantId', 'folderId'])
export class SignatureTask {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  @Column({ name: 'folder_id', type: 'uuid' })
  folderId!: string;

  @ManyToOne(() => Folder, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'folder_id' })
  folder?: Folder;

  @Column({ name: 'folder_step_id', type: 'uuid' })
  folderStepId!: string;

  @ManyToOne(() => FolderStep, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'folder_step_id' })
  folderStep?: FolderStep;

  @Column({ type: 'int', default: 1 })
  round!: number;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => Document, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id' })
  document?: Document;

  /** The version signed; the result is base_version + 1. */
  @Column({ name: 'base_version', type: 'int' })
  baseVersion!: number;

  /** null: a seal step (tenant seal key). */
  @Column({ name: 'signer_user_id', type: 'uuid', nullable: true })
  signerUserId!: string | null;

  @Column({ name: 'desk_id', type: 'uuid', nullable: true })
  deskId!: string | null;

  @Column({ name: 'on_behalf_of_desk_id', type: 'uuid', nullable: true })
  onBehalfOfDeskId!: string | null;

  /** The consent (PIN / TOTP proof) the signature was asked with; null for seals. */
  @Column({ name: 'consent_id', type: 'uuid', nullable: true })
  consentId!: string | null;

  @Column({ type: 'varchar', length: 10 })
  status!: SignatureTaskStatus;

  /** Why it failed, in French, shown on the folder. */
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'result_version_id', type: 'uuid', nullable: true })
  resultVersionId!: string | null;

  @ManyToOne(() => DocumentVersion, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'result_version_id' })
  resultVersion?: DocumentVersion;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
