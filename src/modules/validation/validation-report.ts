/** The validation report: the engine's verifyPdf report turned into the API's JSON, and into a French PDF. */
import { createHash } from 'node:crypto';
import type { SignatureReport, VerifyReport } from '../../pades';
import { PdfWriter } from '../evidence/pdf-writer';
import type { ValidationReportDto, ValidationSignatureDto } from './dto/validation-report.dto';

const iso = (date: Date | undefined): string | undefined => date?.toISOString();

function signatureDto(s: SignatureReport, revisionEnds: number[]): ValidationSignatureDto {
  const end = s.byteRange[2] + s.byteRange[3];
  return {
    field: s.field,
    kind: s.level === 'DocTimeStamp' ? 'document-timestamp' : 'signature',
    signerName: s.signerName,
    signerSubject: s.signerSubject,
    claimedSigningTime: iso(s.signingTime),
    timestampTime: iso(s.timestampTime),
    level: s.level,
    subFilter: s.subFilter,
    intact: s.coversWholeRevision && s.digestValid && s.signatureValid,
    trusted: s.chainTrusted,
    trustReason: s.chainReason,
    revocation: s.revocation && {
      status: s.revocation.status,
      source: s.revocation.source,
      checkedAt: iso(s.revocation.checkedAt),
      revokedAt: iso(s.revocation.revokedAt),
    },
    revisionsAfter: revisionEnds.filter((e) => e > end + 2).length,
    onlyAllowedChangesAfter: s.isLastRevisionOrOnlyAllowedChangesAfter,
    changes: s.modifications.changes.map((c) => ({ ref: c.ref, kind: c.kind, allowed: c.allowed, reason: c.reason })),
    valid: s.valid,
    problems: s.problems,
  };
}

export function toReportDto(bytes: Buffer, report: VerifyReport, revisionEnds: number[], now: Date): ValidationReportDto {
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    size: bytes.length,
    validatedAt: now.toISOString(),
    valid: report.valid,
    signatures: report.signatures.map((s) => signatureDto(s, revisionEnds)),
  };
}

const PARIS = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'medium' });
const frDate = (value: string | undefined): string => (value ? `${PARIS.format(new Date(value))} (heure de Paris)` : '—');
const yes = (value: boolean): string => (value ? 'oui' : 'non');
const REVOCATION: Record<string, string> = {
  good: 'non révoqué à la date de signature',
  revoked: 'RÉVOQUÉ à la date de signature',
  unknown: 'inconnu (aucune donnée de révocation dans le fichier)',
};

function writeSignature(writer: PdfWriter, s: ValidationSignatureDto, index: number): void {
  const title = s.kind === 'document-timestamp' ? 'Horodatage de document' : 'Signature';
  writer.paragraph(`${index + 1}. ${title} « ${s.field} » — ${s.valid ? 'VALIDE' : 'NON VALIDE'}`, { size: 12, before: 10 });
  const lines: Array<[string, string]> = [
    ['Signataire', s.signerName ?? '—'],
    ['Certificat', s.signerSubject ?? '—'],
    ['Date déclarée', frDate(s.claimedSigningTime)],
    ['Date horodatée', frDate(s.timestampTime)],
    ['Niveau PAdES', s.level === 'none' ? 'non PAdES (signature d’un autre format)' : s.level],
    ['Intégrité', yes(s.intact)],
    ['Confiance', s.trusted ? 'certificat reconnu' : `non reconnu${s.trustReason ? ` : ${s.trustReason}` : ''}`],
    ['Révocation', s.revocation ? `${REVOCATION[s.revocation.status]}${s.revocation.source ? ` (${s.revocation.source.toUpperCase()})` : ''}` : '—'],
    ['Révisions après signature', `${s.revisionsAfter} — ${s.onlyAllowedChangesAfter ? 'modifications autorisées uniquement' : 'MODIFICATIONS NON AUTORISÉES'}`],
  ];
  for (const [label, value] of lines) writer.paragraph(`${label} : ${value}`, { indent: 12 });
  const kinds = [...new Set(s.changes.map((c) => c.kind))];
  if (kinds.length) writer.paragraph(`Objets modifiés ensuite : ${kinds.join(', ')}`, { indent: 12, grey: true });
  for (const problem of s.problems) writer.paragraph(`• ${problem}`, { indent: 12, grey: true });
}

/** The report as a PDF in French, times in Europe/Paris. */
export async function renderValidationPdf(report: ValidationReportDto, fileName?: string): Promise<Buffer> {
  const writer = await PdfWriter.create();
  writer.paragraph('Rapport de validation des signatures', { size: 16 });
  writer.paragraph(`Fichier : ${fileName ?? '—'} — ${report.size} octets — SHA-256 ${report.sha256}`, { grey: true, before: 6 });
  writer.paragraph(`Validé le ${frDate(report.validatedAt)}`, { grey: true });
  const count = report.signatures.length;
  const verdict = count === 0 ? 'Aucune signature dans ce document.' : report.valid ? `Les ${count} signatures et horodatages sont valides.` : 'Au moins une signature n’est pas valide.';
  writer.paragraph(verdict, { size: 12, before: 8 });
  writer.rule();
  report.signatures.forEach((s, i) => writeSignature(writer, s, i));
  return Buffer.from(await writer.finish('Parapheur — rapport de validation'));
}
