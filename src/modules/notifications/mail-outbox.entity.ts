import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Tenant } from '../tenants/tenant.entity';

/**
 * Every mail the service sends, written first here, then sent by the `notifications.send-mail` job when
 * SMTP is configured (sent_at set); without SMTP it stays here and the admin API lists it.
 */
@Entity({ name: 'mail_outbox' })
@Index('IDX_mail_outbox_tenant_created', ['tenantId', 'createdAt'])
export class MailOutbox {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  /** Recipients, comma-separated addresses. */
  @Column({ name: 'to', type: 'text' })
  to!: string;

  @Column({ type: 'varchar', length: 300 })
  subject!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'text', nullable: true })
  html!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** The last SMTP failure (no credentials: the server's answer only). */
  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
