import type { Element } from '@xmldom/xmldom';
import { SoapRefusal, type SoapCall } from '../soap/soap-call';
import { readTypeDoc, type ReceivedDoc } from '../soap/type-doc';
import { childElement, childElements, childText } from '../soap/xml';

export interface NamedDoc extends ReceivedDoc {
  name: string;
}

/** A CreerDossierRequest as read from the envelope (nothing checked against the database yet). */
export interface CreerDossierInput {
  type: string | undefined;
  subtype: string | undefined;
  dossierId: string;
  title: string;
  main: NamedDoc;
  /** A detached signature of the main document given by the client (kept as an annex, answered back by GetDossier). */
  mainSignature: ReceivedDoc | undefined;
  /** The human-readable PDF of an XML main document. */
  visual: ReceivedDoc | undefined;
  /** DocumentsSupplementaires: more main documents to sign. */
  extraMains: NamedDoc[];
  annexes: NamedDoc[];
  metadata: Record<string, string>;
  xpath: string | undefined;
  publicAnnotation: string | undefined;
  privateAnnotation: string | undefined;
  /** DateLimite (AAAA-MM-JJ) as an ISO instant: the end of that day in Paris (winter time). */
  dueAt: string | undefined;
}

const MAX_DOSSIER_ID = 200;
const MAX_TITLE = 300;

function docOrRefuse(element: Element | undefined, call: SoapCall, what: string): ReceivedDoc | undefined {
  const doc = readTypeDoc(element, call.attachments);
  if (doc === 'invalid') throw new SoapRefusal(`${what} n’est pas un contenu base64 (ou une pièce jointe MTOM) lisible.`);
  return doc;
}

/** DocAnnexe { nom, fichier, mimetype, encoding, signature? } of a TypeDocAnnexes element. */
function annexesOf(container: Element | undefined, call: SoapCall, what: string): NamedDoc[] {
  if (!container) return [];
  return childElements(container, 'DocAnnexe').map((annex, index) => {
    const name = childText(annex, 'nom') ?? `${what}-${index + 1}`;
    const doc = docOrRefuse(childElement(annex, 'fichier'), call, `Le fichier de « ${name} »`);
    if (!doc) throw new SoapRefusal(`Le fichier de « ${name} » est absent ou vide.`);
    return { ...doc, name, contentType: childText(annex, 'mimetype') ?? doc.contentType };
  });
}

function metadataOf(container: Element | undefined): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const item of container ? childElements(container, 'MetaDonnee') : []) {
    const name = childText(item, 'nom');
    if (name) metadata[name] = childText(item, 'valeur') ?? '';
  }
  return metadata;
}

function dueAtOf(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(raw);
  const at = match ? new Date(`${match[1]}T22:59:59.000Z`) : undefined;
  if (!at || Number.isNaN(at.getTime())) throw new SoapRefusal(`La date limite « ${raw} » n’est pas une date AAAA-MM-JJ.`);
  return at.toISOString();
}

/** Reads the request; refuses (French) a missing DossierID or main document. The WSDL's patterns are not enforced. */
export function readCreerDossier(call: SoapCall): CreerDossierInput {
  const request = call.request;
  const dossierId = childText(request, 'DossierID');
  if (!dossierId) throw new SoapRefusal('Le DossierID est obligatoire.');
  if (dossierId.length > MAX_DOSSIER_ID) throw new SoapRefusal(`Le DossierID dépasse ${MAX_DOSSIER_ID} caractères.`);
  const main = docOrRefuse(childElement(request, 'DocumentPrincipal'), call, 'Le document principal');
  if (!main) throw new SoapRefusal(`Le document principal du dossier ${dossierId} est absent ou vide.`);
  const title = childText(request, 'DossierTitre') ?? dossierId;
  return {
    type: childText(request, 'TypeTechnique'),
    subtype: childText(request, 'SousType'),
    dossierId,
    title: title.slice(0, MAX_TITLE),
    main: { ...main, name: childText(request, 'NomDocPrincipal') ?? defaultMainName(main) },
    mainSignature: docOrRefuse(childElement(request, 'SignatureDocPrincipal'), call, 'La signature du document principal'),
    visual: docOrRefuse(childElement(request, 'VisuelPDF'), call, 'Le visuel PDF'),
    extraMains: annexesOf(childElement(request, 'DocumentsSupplementaires'), call, 'document'),
    annexes: annexesOf(childElement(request, 'DocumentsAnnexes'), call, 'annexe'),
    metadata: metadataOf(childElement(request, 'MetaData')),
    xpath: childText(request, 'XPathPourSignatureXML'),
    publicAnnotation: childText(request, 'AnnotationPublique'),
    privateAnnotation: childText(request, 'AnnotationPrivee'),
    dueAt: dueAtOf(childText(request, 'DateLimite')),
  };
}

/** Whether bytes are an XML document (a PES flow) rather than a PDF. */
export function isXml(doc: ReceivedDoc): boolean {
  if (doc.contentType && /xml/i.test(doc.contentType)) return true;
  const head = doc.bytes.subarray(0, 64).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  return head.startsWith('<');
}

function defaultMainName(doc: ReceivedDoc): string {
  return isXml(doc) ? 'document.xml' : 'document.pdf';
}
