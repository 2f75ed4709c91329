import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '../../../config';
import { AuditService } from '../../audit/audit.service';
import type { VersionSignature } from '../../documents/document-version.entity';
import { DocumentsService, type VersionContent } from '../../documents/documents.service';
import { PES_MEDIA_TYPE } from '../../documents/xml-intake';
import { Tenant } from '../../tenants/tenant.entity';
import type { JobContext } from '../../jobs/job-driver';
import { JobHandler } from '../../jobs/job-handler.decorator';
import { JobName, type JobPayloads, JOBS } from '../../jobs/job-names';
import { FolderWebhooks } from '../../webhooks/folder-webhooks';
import { BulkItemStatus } from '../bulk/bulk-item.entity';
import { BulkRepository } from '../bulk/bulk.repository';
import { type OpenedKey, SigningKeyLoader } from '../keys/signing-key-loader';
import { signDocument } from './document-signer';
import { signPesDocument } from './pes-signer';
import { SealDispatcher } from './seal-dispatcher';
import { SignatureTasksRepository, type SignatureTaskView } from './signature-tasks.repository';
import { SignatureWorkflowPort, type SigningSettings } from './signature-workflow.port';
import { classifySigningFailure } from './signing-failure';
import { SigningNamesRepository, type StampNames } from './signing-names.repository';

const WORKER_ACTOR = { kind: 'worker', id: 'signing-worker' } as const;
/** The level recorded for a PES flow's signature: XAdES with the Hélios policy (EPES). */
const PES_LEVEL = 'XAdES-EPES';

/**
 * Signs one document of a signature (or seal) step. The task row stays locked (FOR UPDATE) from
 * the check to the commit, so a job that runs twice (retry, stalled job after a crash, duplicate
 * enqueue) waits, then finds the task done and returns: a document is never signed twice. The new
 * version, the task's status, the audit event and the step's completion commit together.
 */
@Injectable()
export class SignDocumentProcessor {
  private readonly logger = new Logger('Signing');

  constructor(
    private readonly dataSource: DataSource,
    private readonly workflow: SignatureWorkflowPort,
    private readonly tasks: SignatureTasksRepository,
    private readonly documents: DocumentsService,
    private readonly names: SigningNamesRepository,
    private readonly keys: SigningKeyLoader,
    private readonly bulk: BulkRepository,
    private readonly audit: AuditService,
    private readonly seals: SealDispatcher,
    private readonly config: AppConfig,
    private readonly webhooks: FolderWebhooks,
  ) {}

  @JobHandler(JobName.SigningSignDocument)
  async signDocument(payload: JobPayloads[JobName.SigningSignDocument], context: JobContext): Promise<void> {
    let completedFolder: string | undefined;
    try {
      completedFolder = await this.dataSource.transaction((manager) => this.run(manager, payload));
    } catch (error) {
      // Transient (TSA, database): the driver retries; after the last attempt the task shows as failed.
      if (context.attempt >= JOBS[JobName.SigningSignDocument].retry.attempts) {
        await this.dataSource.transaction(async (manager) => {
          const task = await this.tasks.lock(manager, payload.tenantId, payload.taskId);
          if (task && task.status !== 'done') await this.fail(manager, task, classifySigningFailure(error).reason);
        });
      }
      throw error;
    }
    // The next step may be a seal step whose tasks were created in that transaction.
    if (completedFolder) await this.seals.dispatch(payload.tenantId, completedFolder);
  }

  /** The folder whose step this signature completed, if it did. */
  private async run(manager: EntityManager, payload: JobPayloads[JobName.SigningSignDocument]): Promise<string | undefined> {
    const task = await this.tasks.lock(manager, payload.tenantId, payload.taskId);
    if (!task || task.status === 'done') return undefined;
    await this.tasks.markRunning(manager, task.id);
    try {
      // A savepoint: a refused result leaves nothing behind but the task's failure.
      const stepCompleted = await manager.transaction((inner) => this.signAndRecord(inner, task));
      return stepCompleted ? task.folderId : undefined;
    } catch (error) {
      const failure = classifySigningFailure(error);
      if (!failure.permanent) throw error;
      await this.fail(manager, task, failure.reason);
      return undefined;
    }
  }

  private async signAndRecord(manager: EntityManager, task: SignatureTaskView): Promise<boolean> {
    const base = await this.documents.content(manager, task.tenantId, task.folderId, task.documentId, task.baseVersion);
    const settings = await this.workflow.signingSettings(manager, task.tenantId, task.folderId);
    const names = await this.names.forTask(manager, task);
    const key = await this.keys.forTask(manager, task.tenantId, task);
    const pes = base.contentType === PES_MEDIA_TYPE ? await this.signPes(manager, task, base, names, key) : undefined;
    const signed =
      pes?.bytes ??
      (await signDocument({
        pdf: base.bytes,
        key: key.pems,
        level: settings.level,
        tsaUrls: this.config.tsaUrls,
        stamp: settings.visibleStamp ? stampOf(settings, names) : undefined,
        reason: key.seal ? 'Cachet de la collectivité' : 'Signature',
      }));
    const { id: versionId } = await this.documents.appendVersion(manager, task.tenantId, task.documentId, task.baseVersion + 1, signed, {
      signerName: names.signerName,
      signerUserId: task.signerUserId,
      deskId: task.deskId ?? '',
      onBehalfOfDeskId: task.onBehalfOfDeskId,
      level: pes ? PES_LEVEL : settings.level,
      certificateSubject: key.subject,
      signingKeyId: key.id,
      seal: key.seal,
      ...(pes && { xades: pes.xades }),
    }, pes ? PES_MEDIA_TYPE : undefined);
    await this.tasks.markDone(manager, task.id, versionId);
    await this.appendAudit(manager, task, names, key, settings, versionId, pes?.xades);
    const stepCompleted = await this.completeDeskIfDone(manager, task, names.signerName, key.seal);
    this.logger.log({ taskId: task.id, folderId: task.folderId, documentId: task.documentId, version: task.baseVersion + 1, stepCompleted }, 'Document signed');
    return stepCompleted;
  }

  /** When every document of this desk (or the seal) is signed: the workflow records it, bulk progress moves. */
  private async completeDeskIfDone(manager: EntityManager, task: SignatureTaskView, signerName: string, seal: boolean): Promise<boolean> {
    const deskTasks = await this.tasks.forDesk(manager, task);
    if (!deskTasks.every((t) => t.status === 'done')) return false;
    const { stepCompleted } = await this.workflow.recordSignature(manager, {
      tenantId: task.tenantId,
      folderId: task.folderId,
      folderStepId: task.folderStepId,
      round: task.round,
      deskId: task.deskId,
      onBehalfOfDeskId: task.onBehalfOfDeskId,
      signerUserId: task.signerUserId,
      signerName,
      seal,
    });
    if (task.consentId) await this.bulk.settleByConsent(manager, task.tenantId, task.consentId, task.folderId, BulkItemStatus.Done);
    return stepCompleted;
  }

  /**
   * A PES V2 flow: XAdES signatures where the document asks (per bordereau or the whole flow), the
   * desk's name or the signer's title as ClaimedRole, the tenant's city and postal code as place.
   */
  private async signPes(manager: EntityManager, task: SignatureTaskView, base: VersionContent, names: StampNames, key: OpenedKey) {
    const tenant = await manager.getRepository(Tenant).findOneBy({ id: task.tenantId });
    const result = await signPesDocument({
      xml: base.bytes,
      key: key.pems,
      target: base.xmlSignatureTarget ?? 'bordereaux',
      place: { city: tenant?.city ?? tenant?.name ?? '', postalCode: tenant?.postalCode ?? '' },
      claimedRole: names.title ?? (key.seal ? 'Cachet' : 'Signataire'),
    });
    const xades: NonNullable<VersionSignature['xades']> = { target: result.target, signatures: result.signatures };
    return { bytes: result.bytes, xades };
  }

  private async appendAudit(
    manager: EntityManager,
    task: SignatureTaskView,
    names: StampNames,
    key: OpenedKey,
    settings: SigningSettings,
    versionId: string,
    xades?: VersionSignature['xades'],
  ): Promise<void> {
    await this.audit.append(manager, { tenantId: task.tenantId, ...WORKER_ACTOR }, {
      action: key.seal ? 'document.sealed' : 'document.signed',
      folderId: task.folderId,
      actor: {
        ...(task.signerUserId ? { kind: 'user' as const, id: task.signerUserId } : {}),
        name: names.signerName,
        ...(task.deskId ? { deskId: task.deskId } : {}),
        ...(task.onBehalfOfDeskId ? { onBehalfOfDeskId: task.onBehalfOfDeskId, onBehalfOfName: names.onBehalfOf ?? undefined } : {}),
      },
      payload: {
        taskId: task.id,
        documentId: task.documentId,
        version: task.baseVersion + 1,
        versionId,
        level: xades ? PES_LEVEL : settings.level,
        certificateSubject: key.subject,
        signingKeyId: key.id,
        ...(names.onBehalfOf ? { mention: `en l'absence de ${names.onBehalfOf}` } : {}),
        ...(xades ? { xades: xades.signatures } : {}),
      },
    });
  }

  private async fail(manager: EntityManager, task: SignatureTaskView, reason: string): Promise<void> {
    await this.tasks.markFailed(manager, task.id, reason);
    if (task.consentId) await this.bulk.settleByConsent(manager, task.tenantId, task.consentId, task.folderId, BulkItemStatus.Failed, reason);
    await this.webhooks.signatureFailed(manager, task.tenantId, task.folderId, { documentId: task.documentId, reason });
    this.logger.warn({ taskId: task.id, folderId: task.folderId, reason }, 'Signature task failed');
  }
}

function stampOf(settings: SigningSettings, names: StampNames) {
  return {
    placement: settings.stampPlacement,
    signerName: names.signerName,
    title: names.title ?? undefined,
    onBehalfOf: names.onBehalfOf ?? undefined,
    image: names.image ?? undefined,
  };
}
