import { DOMParser, type Element, MIME_TYPE } from '@xmldom/xmldom';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';

/**
 * A bare-hands i-Parapheur client for tests: raw XML envelopes over HTTP, text/xml, Basic auth, no
 * SOAPAction header (as the municipal software we replace does). Responses are read with a DOM parser.
 */
export const NS = 'http://www.adullact.org/spring-ws/iparapheur/1.0';

export function envelope(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns="${NS}">
  <soapenv:Header/>
  <soapenv:Body>${body}</soapenv:Body>
</soapenv:Envelope>`;
}

export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface SoapAnswer {
  status: number;
  text: string;
  /** The first element of the S:Body. */
  body: Element;
}

/** `pk_xxxxxxxx` (the key's prefix) as user, the full key as password. */
export function basicFor(key: string): string {
  const prefix = key.slice(0, 11);
  return `Basic ${Buffer.from(`${prefix}:${key}`).toString('base64')}`;
}

export async function soap(app: NestExpressApplication, authorization: string, body: string, path = '/ws-iparapheur'): Promise<SoapAnswer> {
  const response = await request(app.getHttpServer())
    .post(path)
    .set('Content-Type', 'text/xml; charset=utf-8')
    .set('Authorization', authorization)
    .send(envelope(body));
  const text = response.text;
  if (response.status !== 200) return { status: response.status, text, body: undefined as unknown as Element };
  const document = new DOMParser().parseFromString(text, MIME_TYPE.XML_APPLICATION);
  const soapBody = childrenOf(document.documentElement as Element).find((e) => e.localName === 'Body');
  const first = soapBody && childrenOf(soapBody)[0];
  if (!first) throw new Error(`no SOAP body in ${text.slice(0, 500)}`);
  return { status: response.status, text, body: first };
}

export function childrenOf(element: Element, localName?: string): Element[] {
  const result: Element[] = [];
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (localName === undefined || (node as Element).localName === localName)) result.push(node as Element);
  }
  return result;
}

export function textIn(element: Element, ...path: string[]): string | undefined {
  let current: Element | undefined = element;
  for (const name of path) current = current && childrenOf(current, name)[0];
  return current?.textContent ?? undefined;
}

export function messageRetourOf(element: Element): { codeRetour?: string; message?: string; severite?: string } {
  return { codeRetour: textIn(element, 'MessageRetour', 'codeRetour'), message: textIn(element, 'MessageRetour', 'message'), severite: textIn(element, 'MessageRetour', 'severite') };
}

/** A CreerDossierRequest with a PDF main document, annexes and metadata. */
export function creerDossier(options: {
  type: string;
  subtype: string;
  dossierId: string;
  title?: string;
  pdf?: Buffer;
  annexes?: Array<{ name: string; bytes: Buffer; mimetype: string }>;
  metadata?: Record<string, string>;
  annotation?: string;
}): string {
  const main = options.pdf ? `<ns:DocumentPrincipal xmlns:xm="http://www.w3.org/2005/05/xmlmime" xm:contentType="application/pdf">${options.pdf.toString('base64')}</ns:DocumentPrincipal>` : '';
  const annexes = (options.annexes ?? []).map((a) => `<ns:DocAnnexe><ns:nom>${escape(a.name)}</ns:nom><ns:fichier xmlns:xm="http://www.w3.org/2005/05/xmlmime" xm:contentType="${a.mimetype}">${a.bytes.toString('base64')}</ns:fichier><ns:mimetype>${a.mimetype}</ns:mimetype><ns:encoding>UTF-8</ns:encoding></ns:DocAnnexe>`).join('');
  const metadata = Object.entries(options.metadata ?? {}).map(([nom, valeur]) => `<ns:MetaDonnee><ns:nom>${escape(nom)}</ns:nom><ns:valeur>${escape(valeur)}</ns:valeur></ns:MetaDonnee>`).join('');
  return `<ns:CreerDossierRequest>
    <ns:TypeTechnique>${escape(options.type)}</ns:TypeTechnique>
    <ns:SousType>${escape(options.subtype)}</ns:SousType>
    <ns:DossierID>${escape(options.dossierId)}</ns:DossierID>
    ${options.title ? `<ns:DossierTitre>${escape(options.title)}</ns:DossierTitre>` : ''}
    ${main}
    <ns:NomDocPrincipal>deliberation.pdf</ns:NomDocPrincipal>
    <ns:VisuelPDF xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>
    ${annexes ? `<ns:DocumentsAnnexes>${annexes}</ns:DocumentsAnnexes>` : ''}
    ${metadata ? `<ns:MetaData>${metadata}</ns:MetaData>` : ''}
    <ns:XPathPourSignatureXML xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>
    ${options.annotation ? `<ns:AnnotationPublique>${escape(options.annotation)}</ns:AnnotationPublique>` : '<ns:AnnotationPublique/>'}
    <ns:AnnotationPrivee/>
    <ns:Visibilite>SERVICE</ns:Visibilite>
    <ns:DateLimite/>
  </ns:CreerDossierRequest>`;
}
