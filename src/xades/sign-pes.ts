import { createHash } from 'node:crypto';
import { DOMParser, type Element, MIME_TYPE } from '@xmldom/xmldom';
import { XadesError, XadesErrorCode } from './errors';
import { canonicalize, canonicalizeDocument } from './exc-c14n';
import { assertPesAller, DSIG_NS, isBordereau, isSignature, type PesSignatureTarget } from './pes';
import { DEFAULT_XML_LIMITS, parseXmlBytes, type ParsedXml, type XmlLimits } from './safe-xml';
import {
  asciiXml,
  certificateIdentity,
  ECDSA_SHA256_URI,
  ENVELOPED_URI,
  EXC_C14N_URI,
  type ProductionPlace,
  RSA_SHA256_URI,
  SHA256_URI,
  signedPropertiesXml,
  XADES_111_NS,
  xmlUtc,
} from './xades-properties';

/**
 * Signs `data` with SHA-256: RSA PKCS#1 v1.5 (what the Hélios policy asks for; the default), or
 * ECDSA returning the signature as XML-DSig wants it, r and s side by side (see ecdsaDerToRaw).
 */
export interface XadesSigner {
  /** The signer's certificate, DER. */
  certificate: Buffer;
  algorithm?: 'rsa-sha256' | 'ecdsa-sha256';
  sign(data: Buffer): Promise<Buffer>;
}

/** An ECDSA signature from DER (SEQUENCE of two INTEGERs) to the fixed-size r||s of XML-DSig. */
export function ecdsaDerToRaw(der: Buffer, size: number): Buffer {
  const integers: Buffer[] = [];
  let offset = 2 + (der[1] & 0x80 ? der[1] & 0x7f : 0);
  if (der[0] !== 0x30) throw new Error('ECDSA signature is not a DER SEQUENCE');
  while (integers.length < 2) {
    if (der[offset] !== 0x02) throw new Error('ECDSA signature: INTEGER expected');
    const length = der[offset + 1];
    let value = der.subarray(offset + 2, offset + 2 + length);
    while (value.length > size && value[0] === 0) value = value.subarray(1);
    if (value.length > size) throw new Error('ECDSA signature: integer too long for the curve');
    integers.push(Buffer.concat([Buffer.alloc(size - value.length), value]));
    offset += 2 + length;
  }
  return Buffer.concat(integers);
}

export interface PesSignOptions {
  /** Asked by the client; may move up to the whole flow when the bordereaux are already signed (see planPesTarget). */
  target: PesSignatureTarget;
  signer: XadesSigner;
  place: ProductionPlace;
  /** The desk's name or the signer's title. */
  claimedRole: string;
  signingTime?: Date;
  limits?: XmlLimits;
}

export interface PesSignatureRecord {
  signatureId: string;
  /** The bordereau's Id; undefined for a signature of the whole flow. */
  bordereauId?: string;
  signingTime: string;
}

export interface PesSignResult {
  bytes: Buffer;
  target: PesSignatureTarget;
  signatures: PesSignatureRecord[];
  /** Byte ranges [start, end) of the inserted ds:Signature elements in the result. */
  inserted: Array<[number, number]>;
}

/** The element a ds:Signature signs (its first Reference): `#Id`, or the root for the whole document (""). */
function signedElement(signature: Element, parsed: ParsedXml, byId: Map<string, Element>): Element | undefined {
  const signedInfo = signature.getElementsByTagNameNS(DSIG_NS, 'Reference')[0];
  const uri = signedInfo?.getAttribute('URI') ?? '';
  if (uri === '') return parsed.root;
  return uri.startsWith('#') ? byId.get(uri.slice(1)) : undefined;
}

function contains(ancestor: Element, node: Element): boolean {
  for (let current: Element | null = node; current; current = current.parentNode as Element | null) if (current === ancestor) return true;
  return false;
}

/**
 * Where a new signature may go without breaking an earlier one. An enveloped signature only leaves
 * itself out of its digest, so anything added inside the element it signs breaks it. Hence: the
 * first signer signs where asked; when each bordereau already carries its signature, a later signer
 * signs the whole flow (PES_Aller), which covers the earlier signatures and leaves them valid; when
 * the whole flow is already signed, nothing more can be added.
 */
export function planPesTarget(parsed: ParsedXml, requested: PesSignatureTarget): { target: PesSignatureTarget; places: Element[] } {
  assertPesAller(parsed);
  const byId = new Map<string, Element>();
  for (const element of parsed.elements) {
    const id = element.getAttribute('Id');
    if (id) byId.set(id, element);
  }
  const signed = parsed.elements.filter(isSignature).map((signature) => signedElement(signature, parsed, byId));
  const breaks = (place: Element): boolean => signed.some((element) => element === undefined || contains(element, place));
  const placesOf = (target: PesSignatureTarget): Element[] => (target === 'root' ? [parsed.root] : parsed.elements.filter((e) => isBordereau(e) && e.getAttribute('Id')));
  for (const target of requested === 'bordereaux' ? (['bordereaux', 'root'] as const) : (['root'] as const)) {
    const places = placesOf(target);
    if (places.length === 0) {
      throw new XadesError(XadesErrorCode.NoBordereau, 'Aucun élément Bordereau ne porte d’attribut Id : demandez une signature du flux entier (XPath « . ») ou ajoutez les Id.');
    }
    if (!places.some(breaks)) return { target, places };
  }
  throw new XadesError(XadesErrorCode.AlreadySigned, 'Ce flux PES est déjà signé dans son ensemble : une nouvelle signature invaliderait la précédente.');
}

function parseFragment(xml: string, localName: string, namespace: string): Element {
  const document = new DOMParser().parseFromString(`<ds:Signature xmlns:ds="${DSIG_NS}">${xml}</ds:Signature>`, MIME_TYPE.XML_APPLICATION);
  const element = document.getElementsByTagNameNS(namespace, localName)[0];
  if (!element) throw new Error(`${localName} missing from the signature being built`);
  return element;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

function reference(uri: string, digest: string, transforms: string[], type?: string): string {
  return (
    `<ds:Reference${type ? ` Type="${type}"` : ''} URI="${asciiXml(uri)}"><ds:Transforms>${transforms.map((t) => `<ds:Transform Algorithm="${t}"/>`).join('')}</ds:Transforms>` +
    `<ds:DigestMethod Algorithm="${SHA256_URI}"/><ds:DigestValue>${digest}</ds:DigestValue></ds:Reference>`
  );
}

function freeId(base: string, taken: Set<string>): string {
  for (let n = 1; ; n += 1) {
    const id = `${base}_SIG_${n}`;
    if (![id, `${id}_SV`, `${id}_SP`].some((candidate) => taken.has(candidate))) {
      taken.add(id).add(`${id}_SV`).add(`${id}_SP`);
      return id;
    }
  }
}

/** One enveloped XAdES signature of `element` (already in the flow), as ASCII XML to insert at its end. */
async function signatureXml(element: Element, id: string, options: PesSignOptions, signingTime: Date): Promise<string> {
  // The whole flow is referenced as the document (URI=""): receivers declare only Bordereau Ids.
  const document = element.ownerDocument;
  const whole = document !== null && element === document.documentElement;
  const uri = whole ? '' : `#${element.getAttribute('Id') ?? ''}`;
  const content = whole ? canonicalizeDocument(document) : canonicalize(element);
  const certificate = certificateIdentity(options.signer.certificate);
  const properties = signedPropertiesXml({ id: `${id}_SP`, signingTime, certificate, place: options.place, claimedRole: options.claimedRole });
  const object = `<ds:Object><xad:QualifyingProperties xmlns:xad="${XADES_111_NS}" Target="#${asciiXml(id)}">${properties}</xad:QualifyingProperties></ds:Object>`;
  const propertiesDigest = sha256(canonicalize(parseFragment(object, 'SignedProperties', XADES_111_NS)));
  const signedInfo =
    `<ds:SignedInfo><ds:CanonicalizationMethod Algorithm="${EXC_C14N_URI}"/><ds:SignatureMethod Algorithm="${options.signer.algorithm === 'ecdsa-sha256' ? ECDSA_SHA256_URI : RSA_SHA256_URI}"/>` +
    reference(uri, sha256(content), [ENVELOPED_URI, EXC_C14N_URI]) +
    reference(`#${id}_SP`, propertiesDigest, [EXC_C14N_URI], `${XADES_111_NS}SignedProperties`) +
    `</ds:SignedInfo>`;
  const signatureValue = await options.signer.sign(Buffer.from(canonicalize(parseFragment(signedInfo, 'SignedInfo', DSIG_NS)), 'utf8'));
  return (
    `<ds:Signature xmlns:ds="${DSIG_NS}" Id="${asciiXml(id)}">${signedInfo}` +
    `<ds:SignatureValue Id="${asciiXml(id)}_SV">${signatureValue.toString('base64')}</ds:SignatureValue>` +
    `<ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificate.der.toString('base64')}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>` +
    `${object}</ds:Signature>`
  );
}

/**
 * Signs a PES_Aller in XAdES (enveloped, v1.1.1, Hélios policy): one ds:Signature at the end of
 * each Bordereau that has an Id, or one at the end of PES_Aller. Digests are computed on the
 * parsed document; the signatures (ASCII, valid in UTF-8 and ISO-8859-1 alike) are spliced into the
 * original bytes just before the closing tag, so every other byte of the file stays as it was.
 */
export async function signPes(bytes: Buffer, options: PesSignOptions): Promise<PesSignResult> {
  const parsed = parseXmlBytes(bytes, options.limits ?? DEFAULT_XML_LIMITS);
  const { target, places } = planPesTarget(parsed, options.target);
  const signingTime = new Date(Math.floor((options.signingTime ?? new Date()).getTime() / 1000) * 1000);
  const taken = new Set(parsed.elements.map((e) => e.getAttribute('Id')).filter((id): id is string => !!id));
  const insertions: Array<{ at: number; xml: string; record: PesSignatureRecord }> = [];
  for (const place of places) {
    const span = parsed.spans[parsed.elements.indexOf(place)];
    if (span.endTagStart < 0) throw new XadesError(XadesErrorCode.NoBordereau, `L’élément « ${place.nodeName} » est vide (<${place.nodeName}/>) : il n’y a rien à signer.`);
    const elementId = place.getAttribute('Id');
    const id = freeId(elementId || place.localName || 'PES_Aller', taken);
    const xml = await signatureXml(place, id, options, signingTime);
    insertions.push({ at: span.endTagStart, xml, record: { signatureId: id, ...(target === 'bordereaux' && elementId ? { bordereauId: elementId } : {}), signingTime: xmlUtc(signingTime) } });
  }
  insertions.sort((a, b) => a.at - b.at);
  const parts: Buffer[] = [];
  const inserted: Array<[number, number]> = [];
  let from = 0;
  let shift = 0;
  for (const insertion of insertions) {
    const signature = Buffer.from(insertion.xml, 'ascii');
    parts.push(bytes.subarray(from, insertion.at), signature);
    inserted.push([insertion.at + shift, insertion.at + shift + signature.length]);
    shift += signature.length;
    from = insertion.at;
  }
  parts.push(bytes.subarray(from));
  return { bytes: Buffer.concat(parts), target, signatures: insertions.map((i) => i.record), inserted };
}
