import type { EvidenceDto, EvidenceStepDto, EvidenceVersionDto } from './dto/evidence.dto';
import type { EvidenceDocumentData, EvidenceStepData, EvidenceVersionData, FolderEvidenceData } from './evidence-data';

const iso = (at: Date): string => at.toISOString();
const isoOrNull = (at: Date | null): string | null => (at ? at.toISOString() : null);

/** The JSON evidence: data in a stable order, times in UTC ISO 8601, private comments left out. */
export function buildEvidence(data: FolderEvidenceData, generatedAt: Date): EvidenceDto {
  const { folder } = data;
  return {
    generatedAt: iso(generatedAt),
    tenant: { name: data.tenant.name, siren: data.tenant.siren },
    folder: {
      id: folder.id,
      title: folder.title,
      externalId: folder.externalId,
      status: folder.status,
      typology: folder.typology,
      circuit: folder.circuit,
      metadata: { ...folder.metadata },
      createdAt: iso(folder.createdAt),
      createdBy: folder.createdBy,
      dueAt: isoOrNull(folder.dueAt),
      finishedAt: isoOrNull(folder.finishedAt),
      finishedReason: folder.finishedReason,
    },
    steps: [...data.steps].sort((a, b) => a.position - b.position).map(toStep),
    documents: [...data.documents].sort(byRoleThenPosition).map((document) => ({
      id: document.id,
      fileName: document.fileName,
      role: document.role,
      versions: [...document.versions].sort((a, b) => a.version - b.version).map(toVersion),
    })),
    comments: data.comments
      .filter((comment) => comment.visibility === 'public')
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map((comment) => ({ authorName: comment.authorName, body: comment.body, at: iso(comment.at) })),
    auditEvents: [...data.auditEvents]
      .sort((a, b) => a.seq - b.seq)
      .map((event) => ({ seq: event.seq, at: iso(event.at), action: event.action, actorName: event.actorName, onBehalfOfName: event.onBehalfOfName, hash: event.hash })),
  };
}

function toStep(step: EvidenceStepData): EvidenceStepDto {
  return {
    position: step.position,
    kind: step.kind,
    name: step.name,
    deskNames: [...step.deskNames],
    quorum: step.quorum,
    status: step.status,
    activatedAt: isoOrNull(step.activatedAt),
    completedAt: isoOrNull(step.completedAt),
    actions: [...step.actions]
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map((action) => ({
        action: action.action,
        actorName: action.actorName,
        deskName: action.deskName,
        onBehalfOfDeskName: action.onBehalfOfDeskName,
        at: iso(action.at),
        reason: action.reason,
      })),
  };
}

function toVersion(version: EvidenceVersionData): EvidenceVersionDto {
  const signature = version.signature;
  return {
    version: version.version,
    sha256: version.sha256,
    size: version.size,
    createdAt: iso(version.createdAt),
    signature: signature && {
      signerName: signature.signerName,
      deskName: signature.deskName,
      onBehalfOfDeskName: signature.onBehalfOfDeskName,
      level: signature.level,
      seal: signature.seal,
      certificateSubject: signature.certificateSubject,
      certificateSerial: signature.certificateSerial,
      signedAt: iso(signature.signedAt),
      ...(signature.xmlSignatures && {
        xmlSignatures: signature.xmlSignatures.map((xml) => ({ signatureId: xml.signatureId, bordereauId: xml.bordereauId, signedAt: iso(xml.signedAt) })),
      }),
    },
  };
}

function byRoleThenPosition(a: EvidenceDocumentData, b: EvidenceDocumentData): number {
  if (a.role !== b.role) return a.role === 'main' ? -1 : 1;
  return a.position - b.position;
}
