import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Tenant } from '../tenants/tenant.entity';
import { Quorum, StepKind, StepStatus } from './folder-state-machine';
import { Folder } from './folder.entity';

/** A step of a folder's route, materialized at start from its circuit version. */
@Entity({ name: 'folder_steps' })
@Unique('UQ_folder_steps_folder_position', ['folderId', 'position'])
@Index('IDX_folder_steps_tenant_status', ['tenantId', 'status'])
export class FolderStep {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  @Column({ name: 'folder_id', type: 'uuid' })
  folderId!: string;

  @ManyToOne(() => Folder, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'folder_id' })
  folder?: Folder;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'varchar', length: 20 })
  kind!: StepKind;

  @Column({ type: 'varchar', length: 200, nullable: true })
  name!: string | null;

  @Column({ name: 'desk_ids', type: 'uuid', array: true })
  deskIds!: string[];

  @Column({ type: 'varchar', length: 10 })
  quorum!: Quorum;

  @Column({ type: 'varchar', length: 20 })
  status!: StepStatus;

  /** 1, then +1 each time a send-back resets the step: approvals of earlier rounds no longer count. */
  @Column({ type: 'int', default: 1 })
  round!: number;

  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt!: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
