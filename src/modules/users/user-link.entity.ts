import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Tenant } from '../tenants/tenant.entity';
import { User } from './user.entity';

export enum UserLinkPurpose {
  /** First password of an invited person. */
  Invitation = 'invitation',
  /** New password after an administrator's reset. */
  PasswordReset = 'password-reset',
}

/**
 * A one-time link sent by e-mail to set a password. Only the SHA-256 of its token is stored; it
 * works once (`used_at`) and until `expires_at`; a newer link of the same user replaces older ones.
 */
@Entity({ name: 'user_links' })
@Index('IDX_user_links_tenant_user', ['tenantId', 'userId'])
export class UserLink {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 20 })
  purpose!: UserLinkPurpose;

  /** SHA-256 (hex) of the token; the token itself only travels in the e-mail. */
  @Index('UQ_user_links_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
