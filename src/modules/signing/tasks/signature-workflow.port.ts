import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../../../common/auth';
import type { LongTermLevel, PadesLevel, StampPlacement } from '../../../pades';
import type { ActingDesk } from '../../users/desk-access.service';

export type SignatureTaskStatus = 'queued' | 'running' | 'done' | 'failed';

export interface BegunSignature {
  folderId: string;
  folderStepId: string;
  /** One per main document; tasks already made for this step, round and desk are returned, not duplicated. */
  tasks: Array<{ id: string; documentId: string; status: SignatureTaskStatus }>;
}

/** The typology's signature settings for a folder. */
export interface SigningSettings {
  level: PadesLevel | LongTermLevel;
  visibleStamp: boolean;
  /** undefined: a free slot of the last page. */
  stampPlacement?: StampPlacement;
}

/** Every document of one desk's signature (or the seal) on a step is signed. */
export interface RecordedSignature {
  tenantId: string;
  folderId: string;
  folderStepId: string;
  round: number;
  /** The step's desk acted for; null for a seal. */
  deskId: string | null;
  /** Set when a delegate acted for `deskId` ("en l'absence de …"). */
  onBehalfOfDeskId: string | null;
  signerUserId: string | null;
  /** The signer's name, or the tenant's for a seal. */
  signerName: string;
  seal: boolean;
}

/**
 * What signing needs from the folders module (FolderWorkflowService): folders implement it and
 * provide it as `SignatureWorkflowPort`. Signing owns the task rows' lifecycle and the new document
 * versions; folders own the folder, its steps, who may act, and moving the folder on.
 */
export abstract class SignatureWorkflowPort {
  /**
   * In the caller's transaction: locks the folder row (FOR UPDATE), checks its active step is a
   * signature step the caller may act for (held or delegated), and creates one `signature_tasks` row
   * per main document (status queued, consent_id, desk_id, on_behalf_of_desk_id, base_version = the
   * latest version). DomainErrors: 404 unknown/foreign folder, 409 no active signature step or already
   * signed, 403 not a holder or delegate of the step.
   */
  abstract beginSignature(manager: EntityManager, ctx: AuthContext, folderId: string, request: { consentId: string; actingDesks: readonly ActingDesk[] }): Promise<BegunSignature>;

  /**
   * The desks the caller may act for on this folder (its typology scopes delegations), read before
   * the transaction so that a job holding a connection never waits for a second one.
   */
  abstract actingDesksFor(ctx: AuthContext, folderId: string): Promise<ActingDesk[]>;

  /** Level and stamp defaults of the folder's typology. */
  abstract signingSettings(manager: EntityManager, tenantId: string, folderId: string): Promise<SigningSettings>;

  /**
   * In the processor's transaction, once every task of the desk (or seal) on the step is done:
   * records the approval and, when the quorum is met, completes the step and moves the folder on
   * (activating a seal step creates its tasks and enqueues `signing.sign-document`).
   */
  abstract recordSignature(manager: EntityManager, signed: RecordedSignature): Promise<{ stepCompleted: boolean }>;

  /** The `visa` action, for bulk visas. */
  abstract visa(ctx: AuthContext, folderId: string): Promise<void>;
}
