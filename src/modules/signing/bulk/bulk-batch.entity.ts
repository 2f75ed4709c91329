import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Tenant } from '../../tenants/tenant.entity';

export enum BulkAction {
  Sign = 'sign',
  Visa = 'visa',
}

export enum BulkBatchStatus {
  Running = 'running',
  Done = 'done',
}

/** One bulk action by one person on named folders; each folder is an item processed on its own. */
@Entity({ name: 'bulk_batches' })
@Index('IDX_bulk_batches_tenant_user', ['tenantId', 'userId'])
export class BulkBatch {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 16 })
  action!: BulkAction;

  @Column({ type: 'varchar', length: 16, default: BulkBatchStatus.Running })
  status!: BulkBatchStatus;

  /** The consent of a `sign` batch (null for `visa`). */
  @Column({ name: 'consent_id', type: 'uuid', nullable: true })
  consentId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
