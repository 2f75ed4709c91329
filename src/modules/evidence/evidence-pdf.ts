import { formatParisDateTime } from '../notifications/paris-time';
import type { EvidenceDocumentDto, EvidenceDto, EvidenceSignatureDto, EvidenceStepDto } from './dto/evidence.dto';
import { PdfWriter } from './pdf-writer';

const FOLDER_STATUS: Record<string, string> = {
  draft: 'brouillon', in_progress: 'en cours', completed: 'terminé', rejected: 'rejeté', withdrawn: 'retiré', archived: 'archivé',
};
const STEP_KIND: Record<EvidenceStepDto['kind'], string> = { visa: 'Visa', signature: 'Signature', seal: 'Cachet' };
const STEP_STATUS: Record<string, string> = { pending: 'à venir', active: 'en cours', done: 'validée', rejected: 'rejetée', skipped: 'non requise' };
const ACTION: Record<EvidenceStepDto['actions'][number]['action'], string> = {
  visa: 'Visa', signature: 'Signature', seal: 'Cachet', reject: 'Rejet', send_back: 'Renvoi à une étape précédente',
};

const when = (iso: string): string => `${formatParisDateTime(new Date(iso))} (heure de Paris)`;
const absence = (deskName: string | null): string => (deskName ? `, en l’absence de « ${deskName} »` : '');
/** "(bureau « 1er adjoint », en l’absence de « Maire »)", or "(en l’absence de « Maire »)" when the own desk is unknown. */
const deskOf = (deskName: string | null, absentName: string | null): string =>
  deskName && deskName !== absentName ? `(bureau « ${deskName} »${absence(absentName)})` : absentName ? `(en l’absence de « ${absentName} »)` : '';

/** The bordereau de preuve as a PDF, in French, from the JSON evidence. */
export async function renderEvidencePdf(evidence: EvidenceDto): Promise<Buffer> {
  const pdf = await PdfWriter.create();
  const { folder } = evidence;
  pdf.document.setTitle(`Bordereau de preuve — ${folder.title}`);
  pdf.document.setLanguage('fr-FR');
  pdf.document.setProducer('Parapheur');
  pdf.document.setCreationDate(new Date(evidence.generatedAt));
  writeHeader(pdf, evidence);
  writeSteps(pdf, evidence.steps);
  writeDocuments(pdf, evidence.documents);
  writeComments(pdf, evidence);
  writeAudit(pdf, evidence);
  return Buffer.from(await pdf.finish(`Bordereau de preuve — dossier ${folder.id}`));
}

function writeHeader(pdf: PdfWriter, evidence: EvidenceDto): void {
  const { folder } = evidence;
  pdf.paragraph('Bordereau de preuve', { size: 20 });
  pdf.paragraph(`${evidence.tenant.name} — SIREN ${evidence.tenant.siren}`, { grey: true, before: 4 });
  pdf.rule();
  pdf.paragraph(`Dossier : ${folder.title}`, { size: 13, before: 4 });
  const lines = [
    `Identifiant : ${folder.id}`,
    `Référence externe : ${folder.externalId ?? '—'}`,
    `Typologie : ${folder.typology ?? '—'}`,
    `Circuit : ${folder.circuit ?? '—'}`,
    `Statut : ${FOLDER_STATUS[folder.status] ?? folder.status}${folder.finishedAt ? ` le ${when(folder.finishedAt)}` : ''}`,
    `Créé le ${when(folder.createdAt)}${folder.createdBy ? ` par ${folder.createdBy}` : ''}`,
  ];
  if (folder.dueAt) lines.push(`Échéance : ${when(folder.dueAt)}`);
  if (folder.finishedReason) lines.push(`Motif : ${folder.finishedReason}`);
  for (const [key, value] of Object.entries(folder.metadata)) lines.push(`Métadonnée « ${key} » : ${value === null ? '—' : String(value)}`);
  lines.push(`Bordereau établi le ${when(evidence.generatedAt)}`);
  for (const line of lines) pdf.paragraph(line, { before: 1 });
}

function writeSteps(pdf: PdfWriter, steps: readonly EvidenceStepDto[]): void {
  pdf.paragraph('Étapes du circuit', { size: 14, before: 14 });
  pdf.rule();
  if (steps.length === 0) pdf.paragraph('Aucune étape (dossier non démarré).', { grey: true });
  for (const step of steps) {
    const desks = step.deskNames.map((name) => `« ${name} »`).join(', ');
    const quorum = step.deskNames.length > 1 ? (step.quorum === 'all' ? ' (tous les bureaux)' : ' (un des bureaux)') : '';
    pdf.paragraph(`Étape ${step.position} — ${STEP_KIND[step.kind]}${step.name ? ` « ${step.name} »` : ''} — ${desks}${quorum} — ${STEP_STATUS[step.status] ?? step.status}`, { size: 11, before: 8 });
    if (step.actions.length === 0) pdf.paragraph('Aucune action.', { indent: 14, grey: true });
    for (const action of step.actions) {
      const reason = action.reason ? ` — motif : ${action.reason}` : '';
      pdf.paragraph(`• ${ACTION[action.action]} par ${action.actorName} ${deskOf(action.deskName, action.onBehalfOfDeskName)} le ${when(action.at)}${reason}`, { indent: 14 });
    }
  }
}

function writeDocuments(pdf: PdfWriter, documents: readonly EvidenceDocumentDto[]): void {
  pdf.paragraph('Documents et empreintes SHA-256', { size: 14, before: 14 });
  pdf.rule();
  for (const document of documents) {
    pdf.paragraph(`${document.fileName} (${document.role === 'main' ? 'document principal' : 'annexe'})`, { size: 11, before: 8 });
    for (const version of document.versions) {
      pdf.paragraph(`Version ${version.version} — ${version.size.toLocaleString('fr-FR')} octets — enregistrée le ${when(version.createdAt)}`, { indent: 14, before: 2 });
      pdf.paragraph(`SHA-256 : ${version.sha256}`, { indent: 14, size: 9 });
      if (version.signature) writeSignature(pdf, version.signature);
    }
  }
}

function writeSignature(pdf: PdfWriter, signature: EvidenceSignatureDto): void {
  const desk = deskOf(signature.deskName, signature.onBehalfOfDeskName);
  const who = `${signature.seal ? 'Cachet apposé' : 'Signé'} par ${signature.signerName}${desk ? ` ${desk}` : ''}`;
  pdf.paragraph(`${who} le ${when(signature.signedAt)} — signature ${signature.xmlSignatures ? signature.level : `PAdES ${signature.level}`}`, { indent: 28 });
  for (const xml of signature.xmlSignatures ?? []) {
    const what = xml.bordereauId ? `Bordereau ${xml.bordereauId}` : 'Flux PES entier';
    pdf.paragraph(`${what} : signature XAdES ${xml.signatureId} du ${when(xml.signedAt)}`, { indent: 40, size: 9 });
  }
  if (signature.certificateSubject) pdf.paragraph(`Certificat : ${signature.certificateSubject}`, { indent: 28, size: 9, grey: true });
  if (signature.certificateSerial) pdf.paragraph(`Numéro de série du certificat : ${signature.certificateSerial}`, { indent: 28, size: 9, grey: true });
}

function writeComments(pdf: PdfWriter, evidence: EvidenceDto): void {
  pdf.paragraph('Commentaires publics', { size: 14, before: 14 });
  pdf.rule();
  if (evidence.comments.length === 0) pdf.paragraph('Aucun commentaire public.', { grey: true });
  for (const comment of evidence.comments) {
    pdf.paragraph(`${comment.authorName}, le ${when(comment.at)} :`, { before: 4 });
    pdf.paragraph(comment.body, { indent: 14 });
  }
}

function writeAudit(pdf: PdfWriter, evidence: EvidenceDto): void {
  pdf.paragraph('Journal d’audit (chaîne de hachage de la collectivité)', { size: 14, before: 14 });
  pdf.rule();
  for (const event of evidence.auditEvents) {
    pdf.paragraph(`n° ${event.seq} — ${when(event.at)} — ${event.action} — ${event.actorName}${absence(event.onBehalfOfName)}`, { size: 9, before: 3 });
    pdf.paragraph(`empreinte : ${event.hash}`, { size: 8, indent: 14, grey: true });
  }
}
