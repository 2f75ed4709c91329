import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Tenant } from '../tenants/tenant.entity';

/**
 * The newest event of a tenant's chain. Appends lock this row (FOR UPDATE), so they serialise per tenant;
 * verification compares it with the last event, so deleting the tail of the chain shows.
 */
@Entity({ name: 'audit_heads' })
export class AuditHead {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  @Column({ type: 'bigint' })
  seq!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
