import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Tenant } from '../../tenants/tenant.entity';

/**
 * The tenant's own certification authority, made on first enrolment: a root (its key is discarded
 * once the issuing CA is signed) and an issuing CA whose key, sealed under MASTER_KEY, issues the
 * certificates of the tenant's signers.
 */
@Entity({ name: 'tenant_cas' })
export class TenantCa {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid', unique: true })
  tenantId!: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  @Column({ name: 'root_certificate_pem', type: 'text' })
  rootCertificatePem!: string;

  /** The issuing CA's certificate. */
  @Column({ name: 'certificate_pem', type: 'text' })
  certificatePem!: string;

  /** PKCS#8 PEM sealed by SecretBox (AES-256-GCM under MASTER_KEY), bound to this row. */
  @Column({ name: 'private_key_enc', type: 'text' })
  privateKeyEnc!: string;

  /** Which master key sealed `private_key_enc` (for a later rotation). */
  @Column({ name: 'key_version', type: 'integer', default: 1 })
  keyVersion!: number;

  @Column({ name: 'not_after', type: 'timestamptz' })
  notAfter!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
