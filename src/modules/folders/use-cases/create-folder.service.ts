import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ActorKind, type AuthContext } from '../../../common/auth';
import { DomainError } from '../../../common/errors';
import { DocumentRole } from '../../documents/document.entity';
import { DocumentsService, type IncomingFile } from '../../documents/documents.service';
import { checkPdfForIntake } from '../../documents/pdf-intake';
import { withPesVisuals } from '../../documents/pes-visual';
import { checkPesForIntake, isXmlUpload, PES_MEDIA_TYPE } from '../../documents/xml-intake';
import { FolderStatus } from '../folder-state-machine';
import type { Folder, FolderMetadata } from '../folder.entity';
import { FolderError, FolderErrorCode } from '../folders.errors';
import { FoldersRepository } from '../folders.repository';
import { FolderEvents } from '../ports/folder-events.port';
import { TypologyCatalog } from '../ports/typology-catalog.port';
import { parseFolderPart } from '../upload/folder-part';
import type { FolderUpload } from '../upload/folder-upload.interceptor';
import { requestFingerprint, scopedIdempotencyKey } from '../upload/idempotency';
import { StartFolderService } from './start-folder.service';

const EXTERNAL_ID_UNIQUE = 'UQ_folders_tenant_external_id';
const IDEMPOTENCY_UNIQUE = 'UQ_folders_tenant_idempotency_key';
/** RFC 6838 restricted names, at most 200 characters in all (the column's size). */
const MEDIA_TYPE = /^(?=.{3,200}$)[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/** The request's Idempotency-Key and fingerprint, when the client sent one. */
interface Replay {
  /** As sent, for messages. */
  key: string;
  /** As stored: scoped to the caller (scopedIdempotencyKey). */
  stored: string;
  sha256: string;
}

/** Multer decodes part file names as latin1; clients send UTF-8. */
function fileNameOf(file: Express.Multer.File): string {
  const utf8 = Buffer.from(file.originalname, 'latin1').toString('utf8');
  const name = utf8.includes('\uFFFD') ? file.originalname : utf8;
  const safe = [...name].map((char) => (char === '/' || char === '\\' || char.charCodeAt(0) < 0x20 ? '_' : char)).join('');
  return safe.slice(0, 255) || 'document.pdf';
}

/** A well-formed `type/subtype` (parameters dropped), short enough for the documents table; else a 400 naming the annex. */
function annexContentType(file: Express.Multer.File): string {
  const type = file.mimetype.trim().toLowerCase();
  if (!MEDIA_TYPE.test(type)) {
    throw new FolderError(FolderErrorCode.UploadInvalid, `Le type de contenu de l’annexe « ${fileNameOf(file)} » est invalide : indiquez un type MIME comme « application/pdf », ou aucun.`, {
      fieldErrors: [{ field: 'annexes', message: `invalid content type for ${fileNameOf(file)}` }],
    });
  }
  return type;
}

/**
 * Errors of the typology catalog (unknown or foreign typology, metadata failing its schema) point at
 * the `folder` part like every other error of the creation request: `folder.typologyId`, `folder.metadata.<name>`.
 */
function pointIntoFolderPart(error: unknown): never {
  if (!(error instanceof DomainError)) throw error;
  const own = (error.fieldErrors ?? []).map((e) => ({ ...e, field: e.field.startsWith('folder.') ? e.field : `folder.${e.field}` }));
  const fieldErrors = own.length > 0 ? own : [{ field: 'folder.typologyId', message: error.title }];
  throw new DomainError(error.code, { status: error.status, title: error.title }, error.detail, { fieldErrors, cause: error });
}

/** A main document: a PDF that passes intake, or a PES V2 flow (XML) to sign in XAdES. */
function mainDocument(file: Express.Multer.File, xmlSignatureXPath: string | undefined): IncomingFile {
  const fileName = fileNameOf(file);
  if (isXmlUpload(file.mimetype, fileName)) {
    const { target } = checkPesForIntake(file.buffer, fileName, xmlSignatureXPath, 'documents');
    return { role: DocumentRole.Main, fileName, contentType: PES_MEDIA_TYPE, bytes: file.buffer, xmlSignatureTarget: target };
  }
  checkPdfForIntake(file.buffer, fileName, 'documents');
  return { role: DocumentRole.Main, fileName, contentType: 'application/pdf', bytes: file.buffer };
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: unknown; constraint?: unknown; driverError?: { constraint?: unknown } };
  return e?.code === '23505' && (e.constraint === constraint || e.driverError?.constraint === constraint);
}

/**
 * Creates a draft folder from one multipart request: every check (folder part, PDFs, typology,
 * metadata schema, required annexes, external id) before or inside ONE transaction, so no folder,
 * document or blob is left behind on any error. Starts it in the same transaction when asked.
 */
@Injectable()
export class CreateFolderService {
  constructor(
    private readonly folders: FoldersRepository,
    private readonly documents: DocumentsService,
    private readonly typologies: TypologyCatalog,
    private readonly events: FolderEvents,
    private readonly starter: StartFolderService,
  ) {}

  /** Returns the folder id; with an Idempotency-Key already used for the same request, that folder's id. */
  async create(ctx: AuthContext, upload: FolderUpload, idempotencyKey?: string): Promise<string> {
    const replay = idempotencyKey === undefined ? undefined : { key: idempotencyKey, stored: scopedIdempotencyKey(ctx, idempotencyKey), sha256: requestFingerprint(upload) };
    const earlier = replay && (await this.replayed(ctx.tenantId, replay));
    if (earlier) return earlier;
    try {
      return await this.createOnce(ctx, upload, replay);
    } catch (error) {
      // A concurrent send with the same key may have won the race: on either uniqueness conflict
      // (the key, or the externalId both sends carry), answer its folder rather than a 409.
      const lostRace = isUniqueViolation(error, IDEMPOTENCY_UNIQUE) || (error instanceof FolderError && error.code === FolderErrorCode.ExternalIdTaken);
      const again = replay && lostRace ? await this.replayed(ctx.tenantId, replay) : undefined;
      if (again) return again;
      throw error;
    }
  }

  /** The folder an earlier request with this key created; 422 when that request was a different one. */
  private async replayed(tenantId: string, replay: Replay): Promise<string | undefined> {
    const existing = await this.folders.findByIdempotencyKey(this.folders.manager, tenantId, replay.stored);
    if (!existing) return undefined;
    if (existing.requestSha256 !== replay.sha256) {
      throw new FolderError(FolderErrorCode.IdempotencyKeyReused, `L’Idempotency-Key « ${replay.key} » a déjà servi à créer le dossier ${existing.id} avec une autre requête : utilisez une nouvelle clé pour un nouveau dossier.`);
    }
    return existing.id;
  }

  private async createOnce(ctx: AuthContext, upload: FolderUpload, replay: Replay | undefined): Promise<string> {
    const part = parseFolderPart(upload.folder);
    const files = this.checkFiles(upload, part.annexes?.map((a) => a.label), part.xmlSignatureXPath);
    const typology = await this.typologies.getForFolder(ctx, part.typologyId).catch(pointIntoFolderPart);
    const metadata = (await this.typologies.validateFolderMetadata(ctx, part.typologyId, part.metadata).catch(pointIntoFolderPart)) ?? part.metadata;
    this.checkRequiredAnnexes(typology.requiredAnnexes, files.labels);
    const route = part.start ? await this.starter.resolve(ctx, part.typologyId, metadata) : undefined;
    const incoming = await withPesVisuals(files.incoming);
    try {
      return await this.folders.transaction(async (manager) => {
        if (part.externalId) await this.refuseTakenExternalId(manager, ctx.tenantId, part.externalId);
        const folder = await this.insert(manager, ctx, { ...part, metadata }, replay);
        await this.documents.addToFolder(manager, ctx.tenantId, folder.id, incoming);
        await this.events.audit(manager, ctx, {
          action: 'folder.created',
          folderId: folder.id,
          payload: { title: folder.title, typologyId: folder.typologyId, externalId: folder.externalId, documents: upload.documents.length, annexes: upload.annexes.length },
        });
        if (route) await this.starter.startInTransaction(manager, ctx, folder.id, route);
        return folder.id;
      });
    } catch (error) {
      if (part.externalId && isUniqueViolation(error, EXTERNAL_ID_UNIQUE)) await this.refuseTakenExternalId(this.folders.manager, ctx.tenantId, part.externalId);
      throw error;
    }
  }

  /** Main documents must be PDFs that pass intake; annexes are taken as they are. */
  private checkFiles(upload: FolderUpload, labels: string[] | undefined, xmlSignatureXPath?: string): { incoming: IncomingFile[]; labels: string[] } {
    if (upload.documents.length === 0) {
      throw new FolderError(FolderErrorCode.DocumentsMissing, 'Ajoutez au moins un document principal (PDF) dans la partie « documents ».', {
        fieldErrors: [{ field: 'documents', message: 'at least one main document is required' }],
      });
    }
    if (labels && labels.length !== upload.annexes.length) {
      throw new FolderError(FolderErrorCode.FolderPartInvalid, `« folder.annexes » décrit ${labels.length} annexe(s) mais ${upload.annexes.length} fichier(s) « annexes » ont été envoyés : donnez une description par fichier, dans l’ordre.`, {
        fieldErrors: [{ field: 'folder.annexes', message: 'one description per annexes file part' }],
      });
    }
    const mains: IncomingFile[] = upload.documents.map((file) => mainDocument(file, xmlSignatureXPath));
    const annexes: IncomingFile[] = upload.annexes.map((file) => ({ role: DocumentRole.Annex, fileName: fileNameOf(file), contentType: annexContentType(file), bytes: file.buffer }));
    return { incoming: [...mains, ...annexes], labels: labels ?? annexes.map((a) => a.fileName) };
  }

  private checkRequiredAnnexes(required: readonly string[], labels: readonly string[]): void {
    const given = new Set(labels.map((label) => label.trim().toLowerCase()));
    const missing = required.filter((name) => !given.has(name.trim().toLowerCase()));
    if (missing.length > 0) {
      throw new FolderError(FolderErrorCode.AnnexesMissing, `Annexe(s) obligatoire(s) manquante(s) pour cette typologie : ${missing.map((m) => `« ${m} »`).join(', ')}. Joignez-les dans « annexes » avec ce libellé.`, {
        fieldErrors: missing.map((name) => ({ field: 'annexes', message: `required annex missing: ${name}` })),
      });
    }
  }

  private async refuseTakenExternalId(manager: EntityManager, tenantId: string, externalId: string): Promise<void> {
    const existing = await this.folders.findByExternalId(manager, tenantId, externalId);
    if (existing) {
      throw new FolderError(FolderErrorCode.ExternalIdTaken, `Un dossier porte déjà la référence externe « ${externalId} » : ${existing.id}. Utilisez ce dossier ou une autre référence.`, {
        fieldErrors: [{ field: 'folder.externalId', message: `already used by folder ${existing.id}` }],
      });
    }
  }

  private insert(
    manager: EntityManager,
    ctx: AuthContext,
    part: { typologyId: string; title: string; externalId?: string; dueAt?: string; metadata: FolderMetadata },
    replay: Replay | undefined,
  ): Promise<Folder> {
    return this.folders.insertFolder(manager, {
      tenantId: ctx.tenantId,
      typologyId: part.typologyId,
      circuitVersionId: null,
      title: part.title.trim(),
      externalId: part.externalId ?? null,
      metadata: part.metadata,
      status: FolderStatus.Draft,
      currentStep: null,
      dueAt: part.dueAt ? new Date(part.dueAt) : null,
      createdByUserId: ctx.actorKind === ActorKind.User ? ctx.userId : null,
      createdByApiKeyId: ctx.actorKind === ActorKind.ApiClient ? ctx.apiClientId : null,
      finishedReason: null,
      finishedAt: null,
      idempotencyKey: replay?.stored ?? null,
      requestSha256: replay?.sha256 ?? null,
      version: 1,
    });
  }
}
