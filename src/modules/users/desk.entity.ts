import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Tenant } from '../tenants/tenant.entity';

/** A position ("Maire", "DGS"): circuits route to desks, not persons, so they survive elections. */
@Entity({ name: 'desks' })
@Unique('UQ_desks_tenant_name', ['tenantId', 'name'])
export class Desk {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => Desk, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Desk;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
