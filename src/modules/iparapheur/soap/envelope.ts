import type { Element } from '@xmldom/xmldom';
import { childElement, childElements, localNameOf, parseXml, writeXml, XmlInputError, type XmlNode } from './xml';

export const IPARAPHEUR_NS = 'http://www.adullact.org/spring-ws/iparapheur/1.0';
export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const XMLMIME_NS = 'http://www.w3.org/2005/05/xmlmime';

/** The operation's request element: the first element child of `Envelope/Body`. */
export function requestElementOf(xml: string): Element {
  const envelope = parseXml(xml);
  if (localNameOf(envelope) !== 'Envelope') throw new XmlInputError('the root element is not a SOAP Envelope');
  const body = childElement(envelope, 'Body');
  const request = body && childElements(body)[0];
  if (!request) throw new XmlInputError('the SOAP Body is empty');
  return request;
}

/**
 * A SOAP 1.1 envelope with the `S:` prefix (some clients look for it literally) around one response
 * element, written in the i-Parapheur namespace as the default namespace.
 */
export function responseEnvelope(response: XmlNode): string {
  const body = 'raw' in response ? response : { ...response, attributes: { xmlns: IPARAPHEUR_NS, 'xmlns:xmlmime': XMLMIME_NS, ...response.attributes } };
  return `<?xml version="1.0" encoding="UTF-8"?><S:Envelope xmlns:S="${SOAP11_NS}"><S:Body>${writeXml(body)}</S:Body></S:Envelope>`;
}
