import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Tenant } from '../tenants/tenant.entity';

export enum IdempotencyStatus {
  InProgress = 'in_progress',
  Completed = 'completed',
}

/**
 * One `Idempotency-Key` of one caller (an API key or a person) on a POST: the request's fingerprint,
 * then the response it got. The same key and request answer that response again until `expires_at`;
 * another request with the key is refused (422); while the first is still running, 409.
 */
@Entity({ name: 'idempotency_records' })
@Index('UQ_idempotency_records_caller_key', ['tenantId', 'caller', 'keyHash'], { unique: true })
@Index('IDX_idempotency_records_expires', ['expiresAt'])
export class IdempotencyRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  /** `api-key:<id>` or `user:<id>`: keys are per caller, two programs of one town never collide. */
  @Column({ type: 'varchar', length: 80 })
  caller!: string;

  /** SHA-256 (hex) of the key as sent. */
  @Column({ name: 'key_hash', type: 'char', length: 64 })
  keyHash!: string;

  /** SHA-256 (hex) of method, path and body. */
  @Column({ type: 'char', length: 64 })
  fingerprint!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: IdempotencyStatus;

  @Column({ name: 'response_status', type: 'int', nullable: true })
  responseStatus!: number | null;

  /** The JSON body answered; null when the route answers a secret, which is never stored. */
  @Column({ name: 'response_body', type: 'jsonb', nullable: true })
  responseBody!: unknown;

  @Column({ name: 'response_location', type: 'varchar', length: 500, nullable: true })
  responseLocation!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
