import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Tenant } from '../tenants/tenant.entity';
import type { AuditActor, AuditPayload } from './audit-chain';

/**
 * One event of a tenant's hash-chained audit trail. Append-only: a trigger (see the migration) refuses
 * UPDATE, DELETE and TRUNCATE unless the session sets `parapheur.audit_maintenance = on`.
 * `folder_id` has no foreign key on purpose: the trail outlives purged folders.
 */
@Entity({ name: 'audit_events' })
@Index('UQ_audit_events_tenant_seq', ['tenantId', 'seq'], { unique: true })
@Index('IDX_audit_events_tenant_folder', ['tenantId', 'folderId', 'seq'])
export class AuditEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  /** 1, 2, 3… per tenant, without gaps. bigint: read back as a string. */
  @Column({ type: 'bigint' })
  seq!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'jsonb' })
  actor!: AuditActor;

  @Column({ type: 'varchar', length: 100 })
  action!: string;

  @Column({ name: 'folder_id', type: 'uuid', nullable: true })
  folderId!: string | null;

  @Column({ type: 'jsonb' })
  payload!: AuditPayload;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
