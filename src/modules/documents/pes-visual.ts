import { parseXmlBytes, type PesSummary, summarizePes } from '../../xades';
import { PdfWriter } from '../evidence/pdf-writer';
import { DocumentRole } from './document.entity';
import type { IncomingFile } from './documents.service';

/** The annex a PES flow is read through (i-Parapheur's VisuelPDF); the SOAP endpoint uses the same name. */
export const PES_VISUAL_NAME = 'Visuel PDF';

const KIND: Record<PesSummary['bordereaux'][number]['kind'], string> = { depense: 'Dépenses (mandats)', recette: 'Recettes (titres)', autre: 'Autre' };

function euros(amount: string | undefined): string {
  if (amount === undefined || Number.isNaN(Number(amount))) return 'montant non indiqué';
  return new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(Number(amount)).replace(/[\u202f\u00a0]/g, ' ');
}

/** A readable summary of a PES flow for the signer: the collectivity, then each bordereau with its pieces and amount. */
export async function pesVisualPdf(fileName: string, summary: PesSummary): Promise<Buffer> {
  const pdf = await PdfWriter.create();
  pdf.paragraph('Flux PES V2 à signer (aperçu généré)', { size: 16 });
  pdf.paragraph(`Fichier : ${fileName}`, { before: 6, grey: true });
  if (summary.libelle) pdf.paragraph(`Collectivité / budget : ${summary.libelle}${summary.budget ? ` (budget ${summary.budget})` : ''}`);
  if (summary.idColl || summary.idPost) pdf.paragraph(`SIRET : ${summary.idColl ?? '—'} — poste comptable : ${summary.idPost ?? '—'}`, { grey: true });
  pdf.rule();
  pdf.paragraph(`${summary.bordereaux.length} bordereau(x) signé(s) un par un :`, { before: 4 });
  for (const bordereau of summary.bordereaux) {
    pdf.paragraph(`Bordereau n° ${bordereau.number ?? '—'} (${bordereau.year ?? '—'}) — ${KIND[bordereau.kind]} — Id ${bordereau.id}`, { before: 6 });
    pdf.paragraph(`${bordereau.pieces} pièce(s), montant HT ${euros(bordereau.amount)}`, { indent: 16 });
  }
  const total = summary.bordereaux.reduce((sum, b) => sum + (Number(b.amount) || 0), 0);
  pdf.rule();
  pdf.paragraph(`Total des bordereaux : ${euros(total.toFixed(2))}`, { before: 4 });
  pdf.paragraph('La signature porte sur le fichier XML (XAdES, politique Hélios), pas sur cet aperçu.', { before: 8, size: 9, grey: true });
  return Buffer.from(await pdf.finish('Aperçu du flux PES'));
}

/**
 * Adds, for each PES main document, a generated « Visuel PDF » annex unless the sender gave one
 * (an annex whose name starts with « Visuel PDF »): the signer reads that, not the XML.
 */
export async function withPesVisuals(files: readonly IncomingFile[]): Promise<IncomingFile[]> {
  const hasVisual = files.some((file) => file.role === DocumentRole.Annex && file.fileName.startsWith(PES_VISUAL_NAME));
  const pes = files.filter((file) => file.role === DocumentRole.Main && file.xmlSignatureTarget);
  if (hasVisual || pes.length === 0) return [...files];
  const visuals: IncomingFile[] = [];
  for (const [index, file] of pes.entries()) {
    const bytes = await pesVisualPdf(file.fileName, summarizePes(parseXmlBytes(file.bytes)));
    visuals.push({ role: DocumentRole.Annex, fileName: pes.length === 1 ? `${PES_VISUAL_NAME}.pdf` : `${PES_VISUAL_NAME} ${index + 1}.pdf`, contentType: 'application/pdf', bytes });
  }
  return [...files, ...visuals];
}
