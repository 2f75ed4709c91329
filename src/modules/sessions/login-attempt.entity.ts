import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One login attempt for an (e-mail, IP) pair, kept for the throttling window. No tenant: attempts
 * come before we know one (or for e-mails that match nobody); the key is a hash, not the e-mail.
 */
@Entity({ name: 'login_attempts' })
@Index('IDX_login_attempts_key_at', ['keyHash', 'attemptedAt'])
export class LoginAttempt {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'key_hash', type: 'char', length: 64 })
  keyHash!: string;

  @Column({ name: 'attempted_at', type: 'timestamptz' })
  attemptedAt!: Date;
}
