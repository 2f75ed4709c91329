import { PadesError, PadesErrorCode } from '../../pades';
import { PdfDocument } from '../../pades/pdf';
import { DocumentError, DocumentErrorCode } from './documents.errors';

export interface PdfIntakeResult {
  pages: number;
  /** PDF version, e.g. "1.7". */
  version: string;
}

/**
 * Checks an uploaded main document before it is stored: a PDF the signing engine can open, not
 * encrypted, not certified against any change (DocMDP P=1). Refusals are 422 problems saying why,
 * naming the file; `field` is the multipart part it came from.
 */
export function checkPdfForIntake(bytes: Buffer, fileName: string, field = 'documents'): PdfIntakeResult {
  let doc: PdfDocument;
  let pages: number;
  try {
    doc = PdfDocument.open(bytes);
    pages = doc.pageCount();
  } catch (error) {
    throw refusal(error, fileName, field);
  }
  if (doc.docMdpPermission() === 1) {
    throw new DocumentError(
      DocumentErrorCode.CertifiedNoChanges,
      `« ${fileName} » est un PDF certifié qui n’autorise aucune modification (DocMDP P=1) : il ne pourrait pas être signé. Envoyez une version non certifiée.`,
      { field },
    );
  }
  return { pages, version: doc.version };
}

function refusal(error: unknown, fileName: string, field: string): DocumentError {
  const code = error instanceof PadesError ? error.code : undefined;
  if (code === PadesErrorCode.NotPdf) {
    return new DocumentError(DocumentErrorCode.NotPdf, `« ${fileName} » n’est pas un PDF : seuls les fichiers PDF peuvent être signés.`, { field });
  }
  if (code === PadesErrorCode.Encrypted) {
    return new DocumentError(
      DocumentErrorCode.Encrypted,
      `« ${fileName} » est protégé par mot de passe (chiffré) : retirez la protection puis envoyez-le à nouveau.`,
      { field },
    );
  }
  return new DocumentError(
    DocumentErrorCode.Damaged,
    `« ${fileName} » est un PDF endommagé (tronqué ou structure illisible) : enregistrez-le à nouveau depuis le logiciel d’origine.`,
    { field },
  );
}
