import { DOMParser, type Document, type Element, MIME_TYPE } from '@xmldom/xmldom';
import { XadesError, XadesErrorCode } from './errors';

/** The encodings a PES flow comes in; any other is refused rather than guessed. */
export type XmlEncoding = 'utf-8' | 'iso-8859-1';

export interface XmlLimits {
  /** Bytes; a PES flow of a large city is a few MB. */
  maxBytes: number;
  /** Element nesting; a PES is about ten levels deep. */
  maxDepth: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxBytes: 64 * 1024 * 1024, maxDepth: 64 };

/** Where an element lies in the original bytes. `endTagStart` is where `</name>` begins (-1 for `<name/>`). */
export interface ElementSpan {
  start: number;
  endTagStart: number;
  end: number;
  depth: number;
}

export interface ParsedXml {
  bytes: Buffer;
  encoding: XmlEncoding;
  document: Document;
  root: Element;
  /** Every element in document order, the same order as `spans`. */
  elements: Element[];
  spans: ElementSpan[];
}

const ELEMENT_NODE = 1;
const LATIN1_NAMES = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'iso_8859-1', 'l1']);

/** The encoding of the XML declaration (UTF-8 when absent); UTF-16 and other charsets are refused. */
export function declaredEncoding(bytes: Buffer): XmlEncoding {
  if (bytes.length >= 2 && ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe))) {
    throw new XadesError(XadesErrorCode.Encoding, 'Le fichier XML est en UTF-16 : seuls UTF-8 et ISO-8859-1 sont acceptés.');
  }
  const head = bytes.subarray(0, 200).toString('latin1').replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '');
  const declaration = /^<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  if (!declaration) return 'utf-8';
  const name = declaration[1].toLowerCase();
  if (name === 'utf-8' || name === 'utf8') return 'utf-8';
  if (LATIN1_NAMES.has(name)) return 'iso-8859-1';
  throw new XadesError(XadesErrorCode.Encoding, `Encodage « ${declaration[1]} » non pris en charge : enregistrez le flux en UTF-8 ou en ISO-8859-1.`);
}

function decode(bytes: Buffer, encoding: XmlEncoding): string {
  if (encoding === 'iso-8859-1') return bytes.toString('latin1');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new XadesError(XadesErrorCode.Encoding, 'Le fichier se déclare en UTF-8 mais contient des octets invalides : vérifiez l’encodage déclaré (ISO-8859-1 ?).');
  }
}

function malformed(detail: string): XadesError {
  return new XadesError(XadesErrorCode.Malformed, `XML mal formé : ${detail}. Corrigez le flux dans le logiciel qui l’a produit.`);
}

function closeOf(text: string, from: number, token: string, what: string): number {
  const at = text.indexOf(token, from);
  if (at < 0) throw malformed(`${what} non terminé`);
  return at + token.length;
}

/** The end of a start tag (index after `>`), skipping quoted attribute values. */
function startTagEnd(text: string, from: number): number {
  let quote = '';
  for (let i = from; i < text.length; i += 1) {
    const char = text[i];
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      return i + 1;
    } else if (char === '<') {
      break;
    }
  }
  throw malformed('balise non terminée');
}

/**
 * Byte offsets of every element, in document order, read on a latin1 view of the bytes (one char
 * per byte; UTF-8 multi-byte sequences never contain markup characters). Refuses any DTD.
 */
export function scanElements(bytes: Buffer, maxDepth: number): { names: string[]; spans: ElementSpan[] } {
  const text = bytes.toString('latin1');
  const names: string[] = [];
  const spans: ElementSpan[] = [];
  const open: number[] = [];
  let i = text.indexOf('<');
  while (i >= 0) {
    let next: number;
    if (text.startsWith('<?', i)) {
      next = closeOf(text, i + 2, '?>', 'instruction de traitement');
    } else if (text.startsWith('<!--', i)) {
      next = closeOf(text, i + 4, '-->', 'commentaire');
    } else if (text.startsWith('<![CDATA[', i)) {
      next = closeOf(text, i + 9, ']]>', 'section CDATA');
    } else if (text.startsWith('<!', i)) {
      throw new XadesError(XadesErrorCode.Dtd, 'Les déclarations DOCTYPE et ENTITY ne sont pas acceptées dans un flux PES : retirez-les.');
    } else if (text.startsWith('</', i)) {
      next = closeOf(text, i + 2, '>', 'balise fermante');
      const index = open.pop();
      if (index === undefined || text.slice(i + 2, next - 1).trim() !== names[index]) throw malformed('balise fermante inattendue');
      spans[index].endTagStart = i;
      spans[index].end = next;
    } else {
      next = startTagEnd(text, i + 1);
      const name = /^[^\s/>]+/.exec(text.slice(i + 1, i + 1 + 256))?.[0];
      if (!name) throw malformed('nom d’élément manquant');
      const depth = open.length + 1;
      if (depth > maxDepth) throw new XadesError(XadesErrorCode.TooDeep, `Le XML imbrique plus de ${maxDepth} niveaux d’éléments : ce n’est pas un flux PES attendu.`);
      names.push(name);
      const selfClosing = text[next - 2] === '/';
      spans.push({ start: i, endTagStart: selfClosing ? -1 : -2, end: selfClosing ? next : -1, depth });
      if (!selfClosing) open.push(spans.length - 1);
    }
    i = text.indexOf('<', next);
  }
  if (open.length > 0) throw malformed(`élément « ${names[open[open.length - 1]]} » non fermé`);
  return { names, spans };
}

function elementsInOrder(root: Element): Element[] {
  const result: Element[] = [];
  const walk = (element: Element): void => {
    result.push(element);
    for (let node = element.firstChild; node; node = node.nextSibling) if (node.nodeType === ELEMENT_NODE) walk(node as Element);
  };
  walk(root);
  return result;
}

/**
 * Parses untrusted XML bytes: size limit, declared encoding checked, no DTD (so no entity
 * expansion, nothing fetched: @xmldom/xmldom never resolves external resources), nesting limit,
 * every parser error fatal. The DOM and the byte offsets of its elements describe the same file.
 */
export function parseXmlBytes(bytes: Buffer, limits: XmlLimits = DEFAULT_XML_LIMITS): ParsedXml {
  if (bytes.length > limits.maxBytes) {
    throw new XadesError(XadesErrorCode.TooLarge, `Le fichier XML dépasse ${Math.floor(limits.maxBytes / 1024 / 1024)} Mo : découpez le flux.`);
  }
  const encoding = declaredEncoding(bytes);
  const { names, spans } = scanElements(bytes, limits.maxDepth);
  const text = decode(bytes, encoding);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(text)) throw malformed('caractère de contrôle interdit en XML');
  let document: Document;
  try {
    document = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw malformed(message.split('\n')[0].slice(0, 200));
      },
    }).parseFromString(text, MIME_TYPE.XML_APPLICATION);
  } catch (error) {
    throw error instanceof XadesError ? error : malformed(error instanceof Error ? error.message.split('\n')[0].slice(0, 200) : 'illisible');
  }
  const root = document.documentElement;
  if (!root) throw malformed('aucun élément racine');
  const elements = elementsInOrder(root);
  const decodedNames = names.map((name) => (encoding === 'utf-8' ? Buffer.from(name, 'latin1').toString('utf8') : name));
  if (elements.length !== spans.length || elements.some((element, index) => element.nodeName !== decodedNames[index])) {
    throw malformed('structure incohérente');
  }
  return { bytes, encoding, document, root, elements, spans };
}
