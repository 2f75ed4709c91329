import { parseXmlBytes, type PesSignatureTarget, summarizePes, type PesSummary, targetFromXPath, XadesError, XadesErrorCode } from '../../xades';
import { DocumentError, DocumentErrorCode } from './documents.errors';

/** Media types under which a main document is taken as a PES V2 flow to sign in XAdES. */
export const XML_MEDIA_TYPES: readonly string[] = ['application/xml', 'text/xml'];
export const PES_MEDIA_TYPE = 'application/xml';

/** Whether an uploaded main document is XML: by its declared type, or its .xml name when sent as octet-stream. */
export function isXmlUpload(mediaType: string | undefined, fileName: string): boolean {
  const type = (mediaType ?? '').split(';')[0].trim().toLowerCase();
  if (XML_MEDIA_TYPES.includes(type) || type.endsWith('+xml')) return true;
  return (type === '' || type === 'application/octet-stream') && /\.xml$/i.test(fileName);
}

export interface XmlIntakeResult {
  target: PesSignatureTarget;
  summary: PesSummary;
}

const NOT_PES_CODES = new Set([XadesErrorCode.NotPes, XadesErrorCode.NoBordereau, XadesErrorCode.XPath, XadesErrorCode.AlreadySigned]);

/**
 * Checks an uploaded XML main document before it is stored: read safely (no DTD, no entity, size
 * and depth limits, UTF-8 or ISO-8859-1), a PES_Aller, signable where `xpath` asks
 * (XPathPourSignatureXML: `//Bordereau` or `.`). Refusals are 422 problems naming the file.
 */
export function checkPesForIntake(bytes: Buffer, fileName: string, xpath?: string, field = 'documents'): XmlIntakeResult {
  try {
    const parsed = parseXmlBytes(bytes);
    const summary = summarizePes(parsed);
    const target = targetFromXPath(xpath, parsed);
    if (target === 'bordereaux' && summary.bordereaux.length === 0) {
      throw new XadesError(XadesErrorCode.NoBordereau, 'aucun élément Bordereau ne porte d’attribut Id : ajoutez les Id ou demandez une signature du flux entier (XPath « . »).');
    }
    return { target, summary };
  } catch (error) {
    if (!(error instanceof XadesError)) throw error;
    const code = NOT_PES_CODES.has(error.code) ? DocumentErrorCode.NotPes : DocumentErrorCode.XmlRefused;
    throw new DocumentError(code, `« ${fileName} » : ${error.message}`, { field });
  }
}
