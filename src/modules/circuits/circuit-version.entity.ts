import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Tenant } from '../tenants/tenant.entity';
import { Circuit } from './circuit.entity';
import type { CircuitStep } from './circuit-steps';

/** One immutable version of a circuit's steps; a folder keeps the version it started with. */
@Entity({ name: 'circuit_versions' })
@Unique('UQ_circuit_versions_circuit_version', ['circuitId', 'version'])
export class CircuitVersion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  @Column({ name: 'circuit_id', type: 'uuid' })
  circuitId!: string;

  @ManyToOne(() => Circuit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'circuit_id' })
  circuit?: Circuit;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'jsonb' })
  steps!: CircuitStep[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
