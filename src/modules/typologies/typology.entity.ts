import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Circuit } from '../circuits/circuit.entity';
import { Tenant } from '../tenants/tenant.entity';
import type { MetadataSchema } from './metadata-schema';
import type { RequiredAnnex, SignatureLevel, StampDefaults } from './typology-settings';

/** Type / subtype ("Finances / Bordereau de mandats"): picks the circuit, signature settings, metadata schema, required annexes. */
@Entity({ name: 'typologies' })
@Unique('UQ_typologies_tenant_type_subtype', ['tenantId', 'type', 'subtype'])
@Index('IDX_typologies_circuit', ['circuitId'])
export class Typology {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  @Column({ type: 'varchar', length: 100 })
  type!: string;

  @Column({ type: 'varchar', length: 100 })
  subtype!: string;

  @Column({ name: 'circuit_id', type: 'uuid' })
  circuitId!: string;

  @ManyToOne(() => Circuit)
  @JoinColumn({ name: 'circuit_id' })
  circuit?: Circuit;

  @Column({ type: 'varchar', length: 5 })
  level!: SignatureLevel;

  @Column({ type: 'jsonb' })
  stamp!: StampDefaults;

  @Column({ name: 'metadata_schema', type: 'jsonb' })
  metadataSchema!: MetadataSchema;

  @Column({ name: 'required_annexes', type: 'jsonb' })
  requiredAnnexes!: RequiredAnnex[];

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
