import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Tenant } from '../../tenants/tenant.entity';
import { User } from '../../users/user.entity';

export enum SigningKeySource {
  /** Key pair made here, certificate issued by the tenant CA. */
  Issued = 'issued',
  /** Uploaded PKCS#12. */
  Pkcs12 = 'pkcs12',
  /** The key stays on a PKCS#11 token (HSM); `hsm_key` says which one, `private_key_enc` is null. */
  Pkcs11 = 'pkcs11',
}

/** Where a PKCS#11 key lives: the token (else PKCS11_TOKEN_LABEL / PKCS11_SLOT) and the key's label and/or id (hex). */
export interface HsmKeyRef {
  tokenLabel?: string;
  keyLabel?: string;
  keyId?: string;
}

/**
 * A software signing key: a person's (user_id set, PIN required at each signature) or the tenant
 * seal (user_id null, used by the worker for seal steps). The private key is sealed under
 * MASTER_KEY and only opened by the worker; replacing a key revokes the previous one.
 */
@Entity({ name: 'signing_keys' })
@Index('UQ_signing_keys_active_user', ['tenantId', 'userId'], { unique: true, where: '"revoked_at" IS NULL AND "user_id" IS NOT NULL' })
@Index('UQ_signing_keys_active_seal', ['tenantId'], { unique: true, where: '"revoked_at" IS NULL AND "user_id" IS NULL' })
export class SigningKey {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  /** null: the tenant seal. */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 16 })
  source!: SigningKeySource;

  @Column({ name: 'certificate_pem', type: 'text' })
  certificatePem!: string;

  /** The issuers of the certificate, PEM, nearest first (may be empty). */
  @Column({ name: 'chain_pem', type: 'text' })
  chainPem!: string;

  /** PKCS#8 PEM sealed by SecretBox (AES-256-GCM under MASTER_KEY), bound to this row; null for a PKCS#11 key. */
  @Column({ name: 'private_key_enc', type: 'text', nullable: true })
  privateKeyEnc!: string | null;

  /** source pkcs11: the key on the token (no secret here; the PIN comes from PKCS11_PIN). */
  @Column({ name: 'hsm_key', type: 'jsonb', nullable: true })
  hsmKey!: HsmKeyRef | null;

  /** Which master key sealed `private_key_enc` (for a later rotation). */
  @Column({ name: 'key_version', type: 'integer', default: 1 })
  keyVersion!: number;

  /** argon2id of the PIN (the consent proof); null for the seal. */
  @Column({ name: 'pin_hash', type: 'varchar', length: 255, nullable: true })
  pinHash!: string | null;

  /** Wrong PINs in a row; at the limit the key is locked until `locked_until`. */
  @Column({ name: 'pin_failures', type: 'integer', default: 0 })
  pinFailures!: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'subject', type: 'varchar', length: 500 })
  subject!: string;

  @Column({ name: 'not_after', type: 'timestamptz' })
  notAfter!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
