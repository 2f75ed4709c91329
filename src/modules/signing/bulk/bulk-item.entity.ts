import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { BulkBatch } from './bulk-batch.entity';

export enum BulkItemStatus {
  /** Waiting for its turn. */
  Queued = 'queued',
  /** Accepted: the folder's signature jobs are queued or running. */
  Running = 'running',
  Done = 'done',
  Failed = 'failed',
}

/** One folder of a bulk batch; its failure never stops the others. */
@Entity({ name: 'bulk_items' })
@Index('UQ_bulk_items_batch_folder', ['batchId', 'folderId'], { unique: true })
@Index('IDX_bulk_items_tenant_folder', ['tenantId', 'folderId'])
export class BulkItem {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'batch_id', type: 'uuid' })
  batchId!: string;

  @ManyToOne(() => BulkBatch, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'batch_id' })
  batch?: BulkBatch;

  @Column({ name: 'folder_id', type: 'uuid' })
  folderId!: string;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'varchar', length: 16, default: BulkItemStatus.Queued })
  status!: BulkItemStatus;

  /** French reason shown to the person when the folder failed. */
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
