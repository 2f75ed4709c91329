import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ApiKey } from '../auth/api-key.entity';
import { Tenant } from '../tenants/tenant.entity';
import { User } from '../users/user.entity';
import { FolderStatus } from './folder-state-machine';

export type FolderMetadata = Record<string, string | number | boolean | null>;

/** What travels through a circuit: main PDFs, annexes, metadata, an external reference. */
@Entity({ name: 'folders' })
@Index('UQ_folders_tenant_external_id', ['tenantId', 'externalId'], { unique: true, where: '"external_id" IS NOT NULL' })
@Index('IDX_folders_tenant_created', ['tenantId', 'createdAt', 'id'])
@Index('IDX_folders_tenant_status', ['tenantId', 'status'])
@Index('UQ_folders_tenant_idempotency_key', ['tenantId', 'idempotencyKey'], { unique: true, where: '"idempotency_key" IS NOT NULL' })
export class Folder {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  /** The typology (type / subtype); owned by the typologies module. */
  @Column({ name: 'typology_id', type: 'uuid' })
  typologyId!: string;

  /** The circuit version the folder started with (null while a draft). */
  @Column({ name: 'circuit_version_id', type: 'uuid', nullable: true })
  circuitVersionId!: string | null;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ name: 'external_id', type: 'varchar', length: 200, nullable: true })
  externalId!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  metadata!: FolderMetadata;

  @Column({ type: 'varchar', length: 20 })
  status!: FolderStatus;

  /** Position of the active step; null before start and once finished. */
  @Column({ name: 'current_step', type: 'int', nullable: true })
  currentStep!: number | null;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_user_id' })
  createdByUser?: User;

  @Column({ name: 'created_by_api_key_id', type: 'uuid', nullable: true })
  createdByApiKeyId!: string | null;

  @ManyToOne(() => ApiKey, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_api_key_id' })
  createdByApiKey?: ApiKey;

  /** Why it was rejected (reject reason), shown on the folder. */
  @Column({ name: 'finished_reason', type: 'text', nullable: true })
  finishedReason!: string | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** `Idempotency-Key` of the creation request: the same key and body answer this folder again. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 200, nullable: true })
  idempotencyKey!: string | null;

  /** SHA-256 of the creation request (folder part and files), to tell a replay from a different body. */
  @Column({ name: 'request_sha256', type: 'char', length: 64, nullable: true })
  requestSha256!: string | null;

  /** Bumped by every state change (optimistic check for clients; actions lock the row). */
  @Column({ type: 'int', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
