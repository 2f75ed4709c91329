import type { Attr, Document, Element, Node } from '@xmldom/xmldom';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
const PROCESSING_INSTRUCTION_NODE = 7;
const XMLNS_URI = 'http://www.w3.org/2000/xmlns/';
const XML_URI = 'http://www.w3.org/XML/1998/namespace';

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\t/g, '&#x9;').replace(/\n/g, '&#xA;').replace(/\r/g, '&#xD;');
}

function isNamespaceDeclaration(attribute: Attr): boolean {
  return attribute.namespaceURI === XMLNS_URI || attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:');
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Exclusive XML canonicalization without comments (https://www.w3.org/TR/xml-exc-c14n/, no
 * InclusiveNamespaces prefix list) of one element and its subtree, as UTF-8 text. A namespace is
 * written on the first output element that visibly uses it (its own prefix or one of its attributes'),
 * unless the nearest output ancestor already wrote the same binding. `omit` leaves out one subtree
 * (the enveloped-signature transform).
 */
export function canonicalize(element: Element, omit?: Node): string {
  const out: string[] = [];
  const render = (node: Element, rendered: ReadonlyMap<string, string>): void => {
    const namespaces = new Map<string, string>();
    const use = (prefix: string, uri: string): void => {
      if (prefix === 'xml') return;
      const previous = rendered.get(prefix) ?? '';
      if (previous !== uri) namespaces.set(prefix, uri);
    };
    use(node.prefix ?? '', node.namespaceURI ?? '');
    const attributes: Attr[] = [];
    for (let i = 0; i < node.attributes.length; i += 1) {
      const attribute = node.attributes.item(i) as Attr;
      if (isNamespaceDeclaration(attribute)) continue;
      attributes.push(attribute);
      if (attribute.prefix && attribute.namespaceURI !== XML_URI) use(attribute.prefix, attribute.namespaceURI ?? '');
    }
    out.push('<', node.nodeName);
    for (const prefix of [...namespaces.keys()].sort(compareCodePoints)) {
      out.push(prefix === '' ? ' xmlns="' : ` xmlns:${prefix}="`, escapeAttribute(namespaces.get(prefix) ?? ''), '"');
    }
    attributes.sort((a, b) => compareCodePoints(a.namespaceURI ?? '', b.namespaceURI ?? '') || compareCodePoints(a.localName ?? a.name, b.localName ?? b.name));
    for (const attribute of attributes) out.push(' ', attribute.name, '="', escapeAttribute(attribute.value), '"');
    out.push('>');
    const inner = namespaces.size === 0 ? rendered : new Map([...rendered, ...namespaces]);
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child === omit) continue;
      if (child.nodeType === ELEMENT_NODE) render(child as Element, inner);
      else if (child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE) out.push(escapeText(child.nodeValue ?? ''));
      else if (child.nodeType === PROCESSING_INSTRUCTION_NODE) out.push('<?', child.nodeName, child.nodeValue ? ` ${child.nodeValue}` : '', '?>');
    }
    out.push('</', node.nodeName, '>');
  };
  render(element, new Map());
  return out.join('');
}

/**
 * The canonical form of a whole document (a same-document Reference URI=""): the root element,
 * with the processing instructions around it; comments, the XML declaration and the DOCTYPE dropped.
 */
export function canonicalizeDocument(document: Document): string {
  const out: string[] = [];
  let afterRoot = false;
  for (let child = document.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === ELEMENT_NODE) {
      out.push(canonicalize(child as Element));
      afterRoot = true;
    } else if (child.nodeType === PROCESSING_INSTRUCTION_NODE && child.nodeName.toLowerCase() !== 'xml') {
      const pi = `<?${child.nodeName}${child.nodeValue ? ` ${child.nodeValue}` : ''}?>`;
      out.push(afterRoot ? `\n${pi}` : `${pi}\n`);
    }
  }
  return out.join('');
}
