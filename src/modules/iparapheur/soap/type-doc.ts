import type { Element } from '@xmldom/xmldom';
import { attributeByLocalName, childElement, el, isNil, textOf, type XmlNode } from './xml';

/** A TypeDoc read from a request: its bytes and the declared xmlmime:contentType. */
export interface ReceivedDoc {
  bytes: Buffer;
  contentType: string | undefined;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The bytes of a TypeDoc element: base64 text, or an MTOM `xop:Include href="cid:…"` pointing to an
 * attachment. Undefined when absent, nil or empty; `invalid` when the base64 does not decode.
 */
export function readTypeDoc(element: Element | undefined, attachments: ReadonlyMap<string, Buffer>): ReceivedDoc | 'invalid' | undefined {
  if (!element || isNil(element)) return undefined;
  const contentType = attributeByLocalName(element, 'contentType');
  const include = childElement(element, 'Include');
  if (include) {
    const href = include.getAttribute('href') ?? '';
    const bytes = attachments.get(decodeURIComponent(href.replace(/^cid:/, '')));
    return bytes && bytes.length > 0 ? { bytes, contentType } : 'invalid';
  }
  const text = textOf(element).replace(/\s+/g, '');
  if (text === '') return undefined;
  if (!BASE64.test(text) || text.length % 4 === 1) return 'invalid';
  return { bytes: Buffer.from(text, 'base64'), contentType };
}

/** A TypeDoc to answer: base64 inline with its xmlmime:contentType. */
export function typeDoc(name: string, bytes: Buffer, contentType: string): XmlNode {
  return el(name, bytes.toString('base64'), { 'xmlmime:contentType': contentType });
}
