import type { FolderEvidenceData } from './evidence-data';

const H = (c: string): string => c.repeat(64);

/** A folder through visa (DGS) → signature (Maire, by the 1st deputy in her absence), for specs. */
export function sampleEvidenceData(): FolderEvidenceData {
  return {
    tenant: { name: 'Commune de Saint-Martin-d’Hères', siren: '213804215' },
    folder: {
      id: '5b1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
      title: 'Marché de voirie — réfection de l’avenue Jean-Jaurès',
      externalId: 'DEL-2026-042',
      status: 'completed',
      typology: 'Marchés publics / Notification',
      circuit: 'Circuit marchés (version 3)',
      metadata: { montant: 12000, objet: 'Voirie' },
      createdAt: new Date('2026-11-20T08:30:00Z'),
      createdBy: 'Julie Secrétaire',
      dueAt: new Date('2026-11-30T11:00:00Z'),
      finishedAt: new Date('2026-11-23T13:05:00Z'),
      finishedReason: null,
    },
    steps: [
      {
        position: 2, kind: 'signature', name: null, deskNames: ['Maire'], quorum: 'any', status: 'done',
        activatedAt: new Date('2026-11-21T09:00:00Z'), completedAt: new Date('2026-11-23T13:05:00Z'),
        actions: [{ action: 'signature', actorName: 'Paul Adjoint', deskName: '1er adjoint', onBehalfOfDeskName: 'Maire', at: new Date('2026-11-23T13:05:00Z'), reason: null }],
      },
      {
        position: 1, kind: 'visa', name: 'Visa du DGS', deskNames: ['DGS'], quorum: 'any', status: 'done',
        activatedAt: new Date('2026-11-20T08:31:00Z'), completedAt: new Date('2026-11-21T09:00:00Z'),
        actions: [{ action: 'visa', actorName: 'Anne Martin', deskName: 'DGS', onBehalfOfDeskName: null, at: new Date('2026-11-21T09:00:00Z'), reason: null }],
      },
    ],
    documents: [
      { id: 'a1', fileName: 'annexe-plan.pdf', role: 'annex', position: 1, versions: [{ version: 1, sha256: H('c'), size: 2048, createdAt: new Date('2026-11-20T08:30:00Z'), signature: null }] },
      {
        id: 'd1', fileName: 'marché-voirie.pdf', role: 'main', position: 1,
        versions: [
          { version: 2, sha256: H('b'), size: 51234, createdAt: new Date('2026-11-23T13:05:00Z'), signature: {
            signerName: 'Paul Adjoint', deskName: '1er adjoint', onBehalfOfDeskName: 'Maire', level: 'B-T', seal: false,
            certificateSubject: 'CN=Paul Adjoint, O=Commune de Saint-Martin-d’Hères', certificateSerial: '3A7F19C2', signedAt: new Date('2026-11-23T13:05:00Z'),
          } },
          { version: 1, sha256: H('a'), size: 48213, createdAt: new Date('2026-11-20T08:30:00Z'), signature: null },
        ],
      },
    ],
    comments: [
      { authorName: 'Anne Martin', body: 'Vu, bon pour signature.', visibility: 'public', at: new Date('2026-11-21T09:00:00Z') },
      { authorName: 'Anne Martin', body: 'Note interne : relancer le prestataire.', visibility: 'private', at: new Date('2026-11-21T09:01:00Z') },
    ],
    auditEvents: [
      { seq: 8, at: new Date('2026-11-23T13:05:00Z'), action: 'document.signed', actorName: 'Paul Adjoint', onBehalfOfName: 'Maire', hash: H('e') },
      { seq: 3, at: new Date('2026-11-20T08:30:00Z'), action: 'folder.created', actorName: 'Julie Secrétaire', onBehalfOfName: null, hash: H('d') },
    ],
  };
}
