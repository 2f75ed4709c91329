import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Tenant } from '../tenants/tenant.entity';
import { Desk } from './desk.entity';

/**
 * The work of `from` desk goes to `to` desk during [starts_at, ends_at), for every typology or only
 * those listed. Never deleted (actions may point at it): cancelling sets revoked_at.
 */
@Entity({ name: 'delegations' })
@Index('IDX_delegations_tenant_to', ['tenantId', 'toDeskId'])
@Index('IDX_delegations_tenant_from', ['tenantId', 'fromDeskId'])
@Check('CHK_delegations_period', `"ends_at" > "starts_at"`)
@Check('CHK_delegations_desks', `"from_desk_id" <> "to_desk_id"`)
export class Delegation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  @Column({ name: 'from_desk_id', type: 'uuid' })
  fromDeskId!: string;

  @ManyToOne(() => Desk, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'from_desk_id' })
  fromDesk?: Desk;

  @Column({ name: 'to_desk_id', type: 'uuid' })
  toDeskId!: string;

  @ManyToOne(() => Desk, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'to_desk_id' })
  toDesk?: Desk;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  /** null: every typology. */
  @Column({ name: 'typology_ids', type: 'uuid', array: true, nullable: true })
  typologyIds!: string[] | null;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @Column({ name: 'created_by_api_key_id', type: 'uuid', nullable: true })
  createdByApiKeyId!: string | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
