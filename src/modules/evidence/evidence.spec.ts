import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEvidence } from './build-evidence';
import { renderEvidencePdf } from './evidence-pdf';
import { sampleEvidenceData } from './evidence-sample.spec-util';

const GENERATED_AT = new Date('2026-11-24T10:00:00Z');

function pdfToText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'evidence-'));
  try {
    const file = join(dir, 'bordereau.pdf');
    writeFileSync(file, pdf);
    // Lines wrapped in the PDF come back with breaks and indents: compare on single spaces.
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('buildEvidence', () => {
  const evidence = buildEvidence(sampleEvidenceData(), GENERATED_AT);

  it('orders steps by position, documents main first, versions and audit events ascending', () => {
    expect(evidence.steps.map((s) => s.position)).toEqual([1, 2]);
    expect(evidence.documents.map((d) => d.fileName)).toEqual(['marché-voirie.pdf', 'annexe-plan.pdf']);
    expect(evidence.documents[0].versions.map((v) => v.version)).toEqual([1, 2]);
    expect(evidence.auditEvents.map((e) => e.seq)).toEqual([3, 8]);
  });

  it('keeps public comments only', () => {
    expect(evidence.comments).toEqual([{ authorName: 'Anne Martin', body: 'Vu, bon pour signature.', at: '2026-11-21T09:00:00.000Z' }]);
  });

  it('gives times in UTC ISO 8601 and the delegation and signature details', () => {
    expect(evidence.generatedAt).toBe('2026-11-24T10:00:00.000Z');
    expect(evidence.steps[1].actions[0]).toEqual({
      action: 'signature', actorName: 'Paul Adjoint', deskName: '1er adjoint', onBehalfOfDeskName: 'Maire', at: '2026-11-23T13:05:00.000Z', reason: null,
    });
    expect(evidence.documents[0].versions[1].signature).toMatchObject({ level: 'B-T', certificateSerial: '3A7F19C2', signedAt: '2026-11-23T13:05:00.000Z' });
    expect(JSON.parse(JSON.stringify(evidence))).toEqual(evidence);
  });
});

describe('renderEvidencePdf', () => {
  let text: string;
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await renderEvidencePdf(buildEvidence(sampleEvidenceData(), GENERATED_AT));
    text = pdfToText(pdf);
  });

  it('is a PDF that pdftotext reads, titled in French', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(text).toContain('Bordereau de preuve');
    expect(text).toContain('Commune de Saint-Martin-d’Hères — SIREN 213804215');
    expect(text).toContain('Dossier : Marché de voirie — réfection de l’avenue Jean-Jaurès');
    expect(text).toContain('Référence externe : DEL-2026-042');
    expect(text).toContain('Typologie : Marchés publics / Notification');
    expect(text).toContain('Circuit : Circuit marchés (version 3)');
  });

  it('lists every step with its actor, delegation and Paris time', () => {
    expect(text).toContain('Étape 1 — Visa « Visa du DGS » — « DGS » — validée');
    expect(text).toContain('Étape 2 — Signature — « Maire » — validée');
    expect(text).toContain('Visa par Anne Martin (bureau « DGS ») le 21/11/2026 10:00 (heure de Paris)');
    expect(text).toContain('Signature par Paul Adjoint (bureau « 1er adjoint », en l’absence de « Maire ») le 23/11/2026 14:05 (heure de Paris)');
  });

  it('gives the SHA-256 of every version and the signature details', () => {
    for (const c of ['a', 'b', 'c']) expect(text).toContain(`SHA-256 : ${c.repeat(64)}`);
    expect(text).toContain('Signé par Paul Adjoint');
    expect(text).toContain('signature PAdES B-T');
    expect(text).toContain('Certificat : CN=Paul Adjoint, O=Commune de Saint-Martin-d’Hères');
    expect(text).toContain('Numéro de série du certificat : 3A7F19C2');
  });

  it('prints public comments only, and the audit events with their hashes', () => {
    expect(text).toContain('Vu, bon pour signature.');
    expect(text).not.toContain('Note interne');
    expect(text).toContain(`empreinte : ${'d'.repeat(64)}`);
    expect(text).toMatch(/n° 8 — 23\/11\/2026 14:05 \(heure de Paris\) — document.signed — Paul Adjoint, en l’absence de « Maire »/);
  });

  it('flows onto more pages when the folder is long, numbering them', async () => {
    const data = sampleEvidenceData();
    data.comments = Array.from({ length: 80 }, (_, i) => ({ authorName: 'Anne Martin', body: `Commentaire n° ${i + 1} `.repeat(8), visibility: 'public' as const, at: new Date('2026-11-21T09:00:00Z') }));
    const long = pdfToText(await renderEvidencePdf(buildEvidence(data, GENERATED_AT)));
    const pages = Number(/page 1 \/ (\d+)/.exec(long)?.[1]);
    expect(pages).toBeGreaterThan(2);
    expect(long).toContain(`page ${pages} / ${pages}`);
    expect(long).toContain('Commentaire n° 80');
  });
});
