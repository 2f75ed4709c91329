import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthContext } from '../../common/auth';
import { AppConfig } from '../../config';
import { PadesError, PadesErrorCode, renewArchiveTimestamp } from '../../pades';
import { PdfDocument } from '../../pades/pdf/document';
import { findSignatures } from '../../pades/verify/pdf-signatures';
import { AuditService } from '../audit/audit.service';
import type { SystemActor } from '../audit/audit-actor';
import type { DocumentVersionDto } from '../documents/dto/document.dto';
import { DocumentsService } from '../documents/documents.service';
import { Folder } from '../folders/folder.entity';
import { FolderStatus } from '../folders/folder-state-machine';
import { ValidationError, ValidationErrorCode } from './validation.errors';
import { ValidationService } from './validation.service';

/** Folders whose documents no longer change: only they get archive time-stamps (a running circuit would conflict). */
const ARCHIVABLE = new Set<FolderStatus>([FolderStatus.Completed, FolderStatus.Archived]);
const PDF = 'application/pdf';

/**
 * B-LTA renewal of one document: the latest version gets a DSS update (validation data of
 * everything in it, previous document time-stamps included) and a new document time-stamp,
 * stored as the next version.
 */
@Injectable()
export class ArchiveTimestampService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly documents: DocumentsService,
    private readonly validation: ValidationService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async timestamp(ctx: AuthContext | SystemActor, folderId: string, documentId: string): Promise<DocumentVersionDto> {
    const tenantId = ctx.tenantId;
    const base = await this.dataSource.transaction((manager) => this.latest(manager, tenantId, folderId, documentId));
    if (this.config.tsaUrls.length === 0) {
      throw new ValidationError(ValidationErrorCode.TsaUnavailable, 'Aucune autorité d’horodatage configurée (TSA_URLS) : l’horodatage d’archive est impossible.');
    }
    const anchors = await this.validation.trustAnchors(tenantId);
    let renewed;
    try {
      renewed = await renewArchiveTimestamp(base.bytes, { urls: [...this.config.tsaUrls] }, { extraCertificates: anchors });
    } catch (error) {
      if (error instanceof PadesError && (error.code === PadesErrorCode.TsaUnavailable || error.code === PadesErrorCode.TsaInvalidResponse)) {
        throw new ValidationError(ValidationErrorCode.TsaUnavailable, `L’autorité d’horodatage n’a pas répondu correctement : réessayez plus tard (${error.message}).`);
      }
      throw error;
    }
    return this.dataSource.transaction(async (manager) => {
      const version = await this.documents.appendVersion(manager, tenantId, documentId, base.version + 1, renewed.pdf, {
        signerName: 'Horodatage d’archive',
        signerUserId: null,
        deskId: '',
        onBehalfOfDeskId: null,
        level: 'B-LTA',
        seal: false,
      });
      await this.audit.append(manager, ctx, {
        action: 'document.archive_timestamped',
        folderId,
        payload: { documentId, version: base.version + 1, versionId: version.id, previousSha256: base.sha256, unchecked: renewed.unchecked },
      });
      return version;
    });
  }

  private async latest(manager: EntityManager, tenantId: string, folderId: string, documentId: string) {
    const folder = await manager.getRepository(Folder).findOne({ select: { id: true, status: true }, where: { tenantId, id: folderId } });
    const latest = folder && (await this.documents.mainDocumentsWithLatest(manager, tenantId, folderId)).find((d) => d.documentId === documentId);
    if (!folder || !latest) throw new ValidationError(ValidationErrorCode.DocumentNotFound, `Aucun document principal ${documentId} dans le dossier ${folderId}.`);
    if (!ARCHIVABLE.has(folder.status)) {
      throw new ValidationError(ValidationErrorCode.NotArchivable, `Le dossier est « ${folder.status} » : l’horodatage d’archive se fait sur un dossier terminé ou archivé.`);
    }
    const content = await this.documents.content(manager, tenantId, folderId, documentId, latest.version);
    if (content.contentType !== PDF) throw new ValidationError(ValidationErrorCode.NotArchivable, 'Seuls les documents PDF reçoivent un horodatage d’archive (PAdES).');
    if (findSignatures(PdfDocument.open(content.bytes)).length === 0) {
      throw new ValidationError(ValidationErrorCode.NotArchivable, 'Le document n’a aucune signature : il n’y a rien à préserver par un horodatage d’archive.');
    }
    return content;
  }
}
