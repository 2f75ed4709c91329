import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Tenant } from '../tenants/tenant.entity';

export enum QueueCheckStatus {
  Pending = 'pending',
  Done = 'done',
}

/** A round trip through the job queue, recorded so an operator can see which process ran it. */
@Entity({ name: 'queue_checks' })
export class QueueCheck {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  @Column({ type: 'varchar', length: 16, default: QueueCheckStatus.Pending })
  status!: QueueCheckStatus;

  @Column({ name: 'requested_by_pid', type: 'integer' })
  requestedByPid!: number;

  @Column({ name: 'processed_by_role', type: 'varchar', length: 32, nullable: true })
  processedByRole!: string | null;

  @Column({ name: 'processed_by_pid', type: 'integer', nullable: true })
  processedByPid!: number | null;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
