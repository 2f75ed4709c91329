import { XmlInputError } from './xml';

/** A SOAP request as received: the envelope's XML and, for MTOM (XOP) requests, the attachments by Content-ID. */
export interface SoapMessage {
  xml: string;
  attachments: ReadonlyMap<string, Buffer>;
}

const NO_ATTACHMENTS: ReadonlyMap<string, Buffer> = new Map();

function parameterOf(contentType: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]*))`, 'i').exec(contentType);
  return match ? (match[1] ?? match[2]) : undefined;
}

function stripAngles(id: string): string {
  return id.trim().replace(/^</, '').replace(/>$/, '');
}

/** Reads a text/xml body, or a multipart/related (MTOM/XOP) one: its root part and its attachments. */
export function readSoapMessage(body: Buffer, contentType: string): SoapMessage {
  if (!/^multipart\/related/i.test(contentType.trim())) return { xml: decodeXml(body, parameterOf(contentType, 'charset')), attachments: NO_ATTACHMENTS };
  const boundary = parameterOf(contentType, 'boundary');
  if (!boundary) throw new XmlInputError('multipart/related without a boundary');
  const start = parameterOf(contentType, 'start');
  const parts = splitParts(body, boundary);
  if (parts.length === 0) throw new XmlInputError('multipart/related without parts');
  const root = (start && parts.find((part) => part.contentId === stripAngles(start))) || parts[0];
  const attachments = new Map<string, Buffer>();
  for (const part of parts) if (part !== root && part.contentId) attachments.set(part.contentId, part.body);
  const rootType = /^content-type:\s*(.+)$/im.exec(root.headers)?.[1] ?? '';
  return { xml: decodeXml(root.body, parameterOf(rootType, 'charset')), attachments };
}

const LATIN1 = /^(iso-8859-1|iso8859-1|latin-?1|windows-1252)$/i;

/** UTF-8 unless the charset (HTTP header, else the XML declaration) says ISO-8859-1: some older clients still send it. */
function decodeXml(bytes: Buffer, charset: string | undefined): string {
  const declared = charset ?? /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(bytes.subarray(0, 200).toString('latin1'))?.[1];
  return declared && LATIN1.test(declared) ? bytes.toString('latin1') : bytes.toString('utf8');
}

interface Part {
  contentId: string | undefined;
  headers: string;
  body: Buffer;
}

function splitParts(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const afterDelimiter = at + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, afterDelimiter);
    if (next === -1) break;
    const raw = body.subarray(afterDelimiter, next);
    const headerEnd = raw.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = raw.subarray(0, headerEnd).toString('latin1');
      let content = raw.subarray(headerEnd + 4);
      if (content.subarray(-2).toString() === '\r\n') content = content.subarray(0, -2);
      const id = /^content-id:\s*(.+)$/im.exec(headers)?.[1];
      parts.push({ contentId: id ? stripAngles(id) : undefined, headers, body: content });
    }
    at = next;
  }
  return parts;
}
