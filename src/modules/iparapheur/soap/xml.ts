import { DOMParser, type Element, MIME_TYPE } from '@xmldom/xmldom';

/** The XML could not be read (malformed, DTD, too deep): the caller answers a KO without details of the parser. */
export class XmlInputError extends Error {}

const ELEMENT_NODE = 1;
/** A SOAP request has a few hundred elements (documents are base64 text, not markup); the DOM parser slows down far below these. */
const MAX_ELEMENTS = 20_000;
const MAX_DEPTH = 64;

/** Counts tags and nesting before the DOM is built, so a hostile body cannot make the parser work for minutes. */
function checkShape(text: string): void {
  const tags = /<(\/?)[A-Za-z_][^<>]*?(\/?)>/g;
  let depth = 0;
  let count = 0;
  for (let match = tags.exec(text); match; match = tags.exec(text)) {
    count += 1;
    if (match[1]) depth -= 1;
    else if (!match[2]) depth += 1;
    if (count > MAX_ELEMENTS || depth > MAX_DEPTH) throw new XmlInputError(`more than ${MAX_ELEMENTS} tags or ${MAX_DEPTH} levels`);
  }
}
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/**
 * Parses untrusted XML into a DOM. A DOCTYPE is refused before parsing, so there is no DTD, no
 * entity expansion and nothing fetched; @xmldom/xmldom never resolves external resources anyway.
 * Any parser warning or error stops the parsing.
 */
export function parseXml(text: string): Element {
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) throw new XmlInputError('DOCTYPE and entity declarations are not accepted');
  checkShape(text);
  let document;
  try {
    document = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new XmlInputError(message);
      },
    }).parseFromString(text, MIME_TYPE.XML_APPLICATION);
  } catch (error) {
    throw error instanceof XmlInputError ? error : new XmlInputError(error instanceof Error ? error.message : String(error));
  }
  const root = document.documentElement;
  if (!root) throw new XmlInputError('no root element');
  return root;
}

export function localNameOf(element: Element): string {
  return element.localName ?? element.nodeName.replace(/^.*:/, '');
}

/** Child elements, optionally only those with this local name (namespaces are not checked: clients vary). */
export function childElements(element: Element, localName?: string): Element[] {
  const result: Element[] = [];
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === ELEMENT_NODE && (localName === undefined || localNameOf(node as Element) === localName)) result.push(node as Element);
  }
  return result;
}

export function childElement(element: Element, localName: string): Element | undefined {
  return childElements(element, localName)[0];
}

/** The text of an element (its text and CDATA children, concatenated). */
export function textOf(element: Element | undefined): string {
  if (!element) return '';
  let text = '';
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) text += node.nodeValue ?? '';
  }
  return text;
}

/** The trimmed text of a child element; undefined when absent, empty or xsi:nil. */
export function childText(element: Element, localName: string): string | undefined {
  const child = childElement(element, localName);
  if (!child || isNil(child)) return undefined;
  const text = textOf(child).trim();
  return text === '' ? undefined : text;
}

export function isNil(element: Element): boolean {
  const nil = element.getAttributeNS('http://www.w3.org/2001/XMLSchema-instance', 'nil') ?? element.getAttribute('xsi:nil');
  return nil === 'true' || nil === '1';
}

/** An attribute by local name, whatever its prefix (`xmlmime:contentType`, `contentType`). */
export function attributeByLocalName(element: Element, localName: string): string | undefined {
  const attributes = element.attributes;
  for (let i = 0; i < attributes.length; i += 1) {
    const attribute = attributes.item(i);
    if (attribute && (attribute.localName ?? attribute.name.replace(/^.*:/, '')) === localName) return attribute.value;
  }
  return undefined;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

// eslint-disable-next-line no-control-regex
const NOT_XML_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Escapes an attribute value; drops characters XML 1.0 cannot carry. */
export function escapeXml(value: string): string {
  return value.replace(NOT_XML_CHARS, '').replace(/[&<>"']/g, (char) => XML_ESCAPES[char]);
}

/** Escapes element text: only `&`, `<` and `>`, so quotes stay readable (`m'a dit: "…"`). */
function escapeText(value: string): string {
  return value.replace(NOT_XML_CHARS, '').replace(/[&<>]/g, (char) => XML_ESCAPES[char]);
}

/** A piece of XML to write: a text element, a parent with children, or raw (already escaped) XML. */
export type XmlNode = { name: string; text: string; attributes?: Record<string, string> } | { name: string; children: XmlNode[]; attributes?: Record<string, string> } | { raw: string };

export function el(name: string, content: string | XmlNode[] | number, attributes?: Record<string, string>): XmlNode {
  return typeof content === 'string' || typeof content === 'number' ? { name, text: String(content), attributes } : { name, children: content, attributes };
}

export function writeXml(node: XmlNode): string {
  if ('raw' in node) return node.raw;
  const attributes = Object.entries(node.attributes ?? {}).map(([key, value]) => ` ${key}="${escapeXml(value)}"`).join('');
  if ('text' in node) return `<${node.name}${attributes}>${escapeText(node.text)}</${node.name}>`;
  return `<${node.name}${attributes}>${node.children.map(writeXml).join('')}</${node.name}>`;
}
