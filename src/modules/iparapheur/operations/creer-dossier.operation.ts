import { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import type { AuthContext } from '../../../common/auth';
import { DomainError } from '../../../common/errors';
import { PES_VISUAL_NAME } from '../../documents/pes-visual';
import { CommentVisibility } from '../../folders/folder-comment.entity';
import { FolderErrorCode } from '../../folders/folders.errors';
import type { FolderUpload } from '../../folders/upload/folder-upload.interceptor';
import { CommentFolderService } from '../../folders/use-cases/comment-folder.service';
import { CreateFolderService } from '../../folders/use-cases/create-folder.service';
import { TypologiesService } from '../../typologies/typologies.service';
import { ok } from '../soap/message-retour';
import { SoapRefusal, type SoapCall } from '../soap/soap-call';
import { el, type XmlNode } from '../soap/xml';
import { CatalogOperations } from './catalog.operations';
import { type CreerDossierInput, isXml, type NamedDoc, readCreerDossier } from './creer-dossier.request';

/** Annex names under which CreerDossier keeps what has no place of its own in a folder; GetDossier answers them back. */
export const MAIN_SIGNATURE_ANNEX = 'Signature du document principal';
export const VISUAL_PDF_ANNEX = `${PES_VISUAL_NAME}.pdf`;

/** A multer-like file, so that SOAP documents go through the same creation use case as the REST upload. */
function asUploadedFile(field: 'documents' | 'annexes', doc: NamedDoc, fallbackType: string): Express.Multer.File {
  return {
    fieldname: field,
    // Multer hands file names over as latin1 and the use case decodes them back to UTF-8.
    originalname: Buffer.from(doc.name, 'utf8').toString('latin1'),
    encoding: '7bit',
    mimetype: doc.contentType || fallbackType,
    size: doc.bytes.length,
    buffer: doc.bytes,
    stream: Readable.from([]),
    destination: '',
    filename: '',
    path: '',
  };
}

function mainType(doc: NamedDoc): string {
  return isXml(doc) ? 'application/xml' : 'application/pdf';
}

/**
 * CreerDossier: the DossierID becomes the folder's externalId, TypeTechnique / SousType its typology;
 * the folder is created and started through CreateFolderService (same checks, same single transaction,
 * same audit as POST /folders), then the annotations are added as comments.
 */
@Injectable()
export class CreerDossierOperation {
  private readonly logger = new Logger('IparapheurCreerDossier');

  constructor(
    private readonly catalog: CatalogOperations,
    private readonly typologies: TypologiesService,
    private readonly creator: CreateFolderService,
    private readonly comments: CommentFolderService,
  ) {}

  async run(call: SoapCall): Promise<XmlNode> {
    const input = readCreerDossier(call);
    const typology = await this.catalog.find(call.auth, input.type, input.subtype);
    const metadata = await this.knownMetadata(call.auth, typology.id, input.metadata);
    let folderId: string;
    try {
      folderId = await this.creator.create(call.auth, this.upload(input, typology.id, metadata));
    } catch (error) {
      if (error instanceof DomainError && error.code === FolderErrorCode.ExternalIdTaken) {
        throw new SoapRefusal(`Le DossierID « ${input.dossierId} » est déjà utilisé par un autre dossier.`);
      }
      throw error;
    }
    await this.annotate(call.auth, folderId, input);
    return el('CreerDossierResponse', [ok(`Dossier ${input.dossierId} soumis dans le circuit.`), el('DossierID', input.dossierId)]);
  }

  /** i-Parapheur ignores metadata its type does not define; so do we (the typology's schema checks the rest). */
  private async knownMetadata(auth: AuthContext, typologyId: string, metadata: Record<string, string>): Promise<Record<string, string>> {
    const known = new Set((await this.typologies.get(auth, typologyId)).metadataSchema.fields.map((field) => field.name));
    return Object.fromEntries(Object.entries(metadata).filter(([name]) => known.has(name)));
  }

  private upload(input: CreerDossierInput, typologyId: string, metadata: Record<string, string>): FolderUpload {
    const mains = [input.main, ...input.extraMains];
    const annexes: NamedDoc[] = [...input.annexes];
    if (input.mainSignature) annexes.push({ ...input.mainSignature, name: MAIN_SIGNATURE_ANNEX, contentType: input.mainSignature.contentType || 'application/pkcs7-signature' });
    if (input.visual && isXml(input.main)) annexes.push({ ...input.visual, name: VISUAL_PDF_ANNEX, contentType: 'application/pdf' });
    const folder = {
      typologyId,
      title: input.title,
      externalId: input.dossierId,
      metadata,
      start: true,
      ...(input.dueAt && { dueAt: input.dueAt }),
      ...(input.xpath && isXml(input.main) && { xmlSignatureXPath: input.xpath.slice(0, 200) }),
      ...(annexes.length > 0 && { annexes: annexes.map((annex) => ({ label: annex.name.slice(0, 200) })) }),
    };
    return {
      folder: JSON.stringify(folder),
      documents: mains.map((doc) => asUploadedFile('documents', doc, mainType(doc))),
      annexes: annexes.map((doc) => asUploadedFile('annexes', doc, 'application/octet-stream')),
    };
  }

  /** The folder exists by now: a failed annotation is logged, not answered as a failed creation. */
  private async annotate(auth: AuthContext, folderId: string, input: CreerDossierInput): Promise<void> {
    const notes = [
      { body: input.publicAnnotation, visibility: CommentVisibility.Public },
      { body: input.privateAnnotation, visibility: CommentVisibility.Private },
    ];
    for (const note of notes) {
      if (!note.body) continue;
      try {
        await this.comments.comment(auth, folderId, { body: note.body.slice(0, 5000), visibility: note.visibility });
      } catch (error) {
        this.logger.warn({ err: error, folderId }, 'CreerDossier: annotation not recorded');
      }
    }
  }
}
