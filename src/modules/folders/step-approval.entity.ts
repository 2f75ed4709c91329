import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Tenant } from '../tenants/tenant.entity';
import { FolderStep } from './folder-step.entity';

export enum StepAction {
  Visa = 'visa',
  Signature = 'signature',
  Seal = 'seal',
  Reject = 'reject',
  SendBack = 'send_back',
}

/**
 * A desk's action on a step, once per round (unique step + desk + round): the database refuses a
 * second approval even if two transactions raced past the folder lock.
 */
@Entity({ name: 'step_approvals' })
@Unique('UQ_step_approvals_step_desk_round', ['folderStepId', 'deskId', 'round'])
@Index('IDX_step_approvals_tenant_actor', ['tenantId', 'actorUserId'])
export class StepApproval {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  @Column({ name: 'folder_step_id', type: 'uuid' })
  folderStepId!: string;

  @ManyToOne(() => FolderStep, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'folder_step_id' })
  folderStep?: FolderStep;

  @Column({ type: 'int', default: 1 })
  round!: number;

  /** The desk of the step acted for. */
  @Column({ name: 'desk_id', type: 'uuid' })
  deskId!: string;

  /** null for the seal (the worker acts). */
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ name: 'actor_name', type: 'varchar', length: 200 })
  actorName!: string;

  /** Set when the actor held the desk through a delegation ("en l'absence de …"). */
  @Column({ name: 'on_behalf_of_desk_id', type: 'uuid', nullable: true })
  onBehalfOfDeskId!: string | null;

  @Column({ name: 'delegation_id', type: 'uuid', nullable: true })
  delegationId!: string | null;

  @Column({ type: 'varchar', length: 20 })
  action!: StepAction;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
