import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../../common/auth';
import { DocumentRole } from '../../documents/document.entity';
import type { DocumentDto } from '../../documents/dto/document.dto';
import { PES_VISUAL_NAME } from '../../documents/pes-visual';
import { EvidenceService } from '../../evidence/evidence.service';
import type { FolderDto } from '../../folders/dto/folder.dto';
import { CommentVisibility } from '../../folders/folder-comment.entity';
import { FolderQueriesService } from '../../folders/folder-queries.service';
import { TypologiesService } from '../../typologies/typologies.service';
import { ok } from '../soap/message-retour';
import type { SoapCall } from '../soap/soap-call';
import { typeDoc } from '../soap/type-doc';
import { el, type XmlNode } from '../soap/xml';
import { MAIN_SIGNATURE_ANNEX } from './creer-dossier.operation';
import { DossierLookupService, dossierIdOf } from './dossier-lookup.service';

export const EVIDENCE_ANNEX_NAME = 'bordereau-de-preuve.pdf';

interface Content {
  document: DocumentDto;
  bytes: Buffer;
}

function isXmlDocument(document: DocumentDto): boolean {
  return /xml/i.test(document.contentType);
}

function docAnnexe(name: string, bytes: Buffer, mimetype: string): XmlNode {
  return el('DocAnnexe', [el('nom', name), typeDoc('fichier', bytes, mimetype), el('mimetype', mimetype), el('encoding', mimetype.startsWith('text/') ? 'UTF-8' : 'binary')]);
}

/** The latest public comment, and the caller's latest private one (CreerDossier's AnnotationPublique / AnnotationPrivee). */
function annotations(folder: FolderDto): XmlNode[] {
  const last = (visibility: CommentVisibility) => folder.comments.filter((c) => c.visibility === visibility).pop();
  const publicNote = last(CommentVisibility.Public);
  const privateNote = last(CommentVisibility.Private);
  return [...(publicNote ? [el('AnnotationPublique', publicNote.body)] : []), ...(privateNote ? [el('AnnotationPrivee', privateNote.body)] : [])];
}

/**
 * GetDossier: the main document in its latest (signed) version — as FichierPES for an XML flow —,
 * the client's detached signature if it gave one, the other main documents and the annexes, then the
 * bordereau de preuve (evidence PDF) as the LAST DocAnnexe, and the metadata.
 */
@Injectable()
export class GetDossierOperation {
  constructor(
    private readonly lookup: DossierLookupService,
    private readonly queries: FolderQueriesService,
    private readonly typologies: TypologiesService,
    private readonly evidence: EvidenceService,
  ) {}

  async run(call: SoapCall): Promise<XmlNode> {
    const dossierId = dossierIdOf(call);
    const folder = await this.lookup.find(call.auth, dossierId);
    const typology = await this.typologies.get(call.auth, folder.typologyId);
    const contents = await this.latestContents(call.auth, folder);
    const [main, ...otherMains] = contents.filter((c) => c.document.role === DocumentRole.Main);
    const annexes = contents.filter((c) => c.document.role !== DocumentRole.Main);
    const isPes = main !== undefined && isXmlDocument(main.document);
    const signature = annexes.find((c) => c.document.fileName === MAIN_SIGNATURE_ANNEX);
    // The client's VisuelPDF, or the one generated for a PES flow sent without it.
    const visual = isPes ? annexes.find((c) => c.document.fileName.startsWith(PES_VISUAL_NAME)) : undefined;
    const plainAnnexes = annexes.filter((c) => c !== signature && c !== visual);
    const evidencePdf = await this.evidence.buildPdf(call.auth, folder.id);
    return el('GetDossierResponse', [
      el('TypeTechnique', typology.type),
      el('SousType', typology.subtype),
      el('DossierID', dossierId),
      ...(isPes ? [typeDoc('FichierPES', main.bytes, main.document.contentType)] : []),
      ...(visual ? [typeDoc('VisuelPDF', visual.bytes, 'application/pdf')] : []),
      ...annotations(folder),
      ...(folder.dueAt ? [el('DateLimite', folder.dueAt.slice(0, 10))] : []),
      ...(main && !isPes ? [typeDoc('DocPrincipal', main.bytes, main.document.contentType), el('NomDocPrincipal', main.document.fileName)] : []),
      ...(signature ? [typeDoc('SignatureDocPrincipal', signature.bytes, signature.document.contentType)] : []),
      el('DocumentsAnnexes', [
        ...[...otherMains, ...plainAnnexes].map((c) => docAnnexe(c.document.fileName, c.bytes, c.document.contentType)),
        docAnnexe(EVIDENCE_ANNEX_NAME, evidencePdf, 'application/pdf'),
      ]),
      el('MetaDonnees', Object.entries(folder.metadata).map(([name, value]) => el('MetaDonnee', [el('nom', name), el('valeur', value === null ? '' : String(value))]))),
      ok(`Dossier ${dossierId} récupéré.`),
    ]);
  }

  private async latestContents(auth: AuthContext, folder: FolderDto): Promise<Content[]> {
    const contents: Content[] = [];
    for (const document of folder.documents) {
      const latest = document.versions[document.versions.length - 1];
      if (!latest) continue;
      contents.push({ document, bytes: (await this.queries.content(auth, folder.id, document.id, latest.version)).bytes });
    }
    return contents;
  }
}
