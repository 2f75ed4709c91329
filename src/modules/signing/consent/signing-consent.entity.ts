import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Tenant } from '../../tenants/tenant.entity';

export enum ConsentMethod {
  Pin = 'pin',
  Totp = 'totp',
}

/**
 * A fresh proof of presence given for exactly the named folders (one folder for `sign`, N for a
 * bulk action). Signature tasks point at it; it is never reused for other folders.
 */
@Entity({ name: 'signing_consents' })
@Index('IDX_signing_consents_tenant_user', ['tenantId', 'userId'])
export class SigningConsent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'signing_key_id', type: 'uuid' })
  signingKeyId!: string;

  @Column({ type: 'varchar', length: 16 })
  method!: ConsentMethod;

  @Column({ name: 'folder_ids', type: 'uuid', array: true })
  folderIds!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
