import type { Element } from '@xmldom/xmldom';
import { XadesError, XadesErrorCode } from './errors';
import type { ParsedXml } from './safe-xml';

export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

/** Where the signatures go: one at the end of each Bordereau that has an Id, or one at the end of PES_Aller. */
export type PesSignatureTarget = 'bordereaux' | 'root';

/** A bordereau as the signer and the evidence see it. */
export interface BordereauSummary {
  id: string;
  /** PES_DepenseAller or PES_RecetteAller. */
  kind: 'depense' | 'recette' | 'autre';
  number?: string;
  year?: string;
  pieces: number;
  /** MtBordHT as written in the flow (a decimal string), when present. */
  amount?: string;
}

export interface PesSummary {
  idPost?: string;
  idColl?: string;
  budget?: string;
  libelle?: string;
  bordereaux: BordereauSummary[];
}

function localName(element: Element): string {
  return element.localName ?? element.nodeName.replace(/^.*:/, '');
}

function children(element: Element, name: string): Element[] {
  const result: Element[] = [];
  for (let node = element.firstChild; node; node = node.nextSibling) if (node.nodeType === 1 && localName(node as Element) === name) result.push(node as Element);
  return result;
}

/** PES V2 carries values in a `V` attribute: `<IdPost V="012345"/>`. */
function valueOf(parent: Element | undefined, name: string): string | undefined {
  const child = parent && children(parent, name)[0];
  const value = child?.getAttribute('V');
  return value ? value : undefined;
}

/** The root must be PES_Aller. */
export function assertPesAller(parsed: ParsedXml): void {
  if (localName(parsed.root) !== 'PES_Aller') {
    throw new XadesError(XadesErrorCode.NotPes, `L’élément racine est « ${parsed.root.nodeName} » : seul un flux PES_Aller (PES V2) peut être signé en XAdES.`);
  }
}

export function isBordereau(element: Element): boolean {
  return localName(element) === 'Bordereau';
}

export function isSignature(element: Element): boolean {
  return localName(element) === 'Signature' && element.namespaceURI === DSIG_NS;
}

/** The client's XPathPourSignatureXML: `//Bordereau` (default when some bordereau has an Id) or `.` for the whole flow. */
export function targetFromXPath(xpath: string | undefined | null, parsed?: ParsedXml): PesSignatureTarget {
  const value = (xpath ?? '').trim();
  if (value === '') return parsed && !parsed.elements.some((e) => isBordereau(e) && e.getAttribute('Id')) ? 'root' : 'bordereaux';
  if (['//Bordereau', '/PES_Aller/*/Bordereau', '//*[local-name()="Bordereau"]'].includes(value.replace(/'/g, '"'))) return 'bordereaux';
  if (['.', '/', '/PES_Aller', '/*'].includes(value)) return 'root';
  throw new XadesError(XadesErrorCode.XPath, `XPath de signature « ${value} » non pris en charge : utilisez « //Bordereau » (une signature par bordereau) ou « . » (une signature du flux entier).`);
}

/** What the flow declares: header and, per bordereau with an Id, its number, pieces and amount. */
export function summarizePes(parsed: ParsedXml): PesSummary {
  assertPesAller(parsed);
  const header = children(parsed.root, 'EnTetePES')[0];
  const bordereaux = parsed.elements
    .filter((element) => isBordereau(element) && element.getAttribute('Id'))
    .map((element): BordereauSummary => {
      const bloc = children(element, 'BlocBordereau')[0];
      const parent = element.parentNode && localName(element.parentNode as Element);
      return {
        id: element.getAttribute('Id') ?? '',
        kind: parent === 'PES_DepenseAller' ? 'depense' : parent === 'PES_RecetteAller' ? 'recette' : 'autre',
        number: valueOf(bloc, 'IdBord'),
        year: valueOf(bloc, 'Exer'),
        pieces: children(element, 'Piece').length,
        amount: valueOf(bloc, 'MtBordHT'),
      };
    });
  return { idPost: valueOf(header, 'IdPost'), idColl: valueOf(header, 'IdColl'), budget: valueOf(header, 'CodBud'), libelle: valueOf(header, 'LibelleColBud'), bordereaux };
}
