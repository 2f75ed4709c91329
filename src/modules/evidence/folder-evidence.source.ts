import { Injectable } from '@nestjs/common';
import { X509Certificate } from 'node:crypto';
import type { AuthContext } from '../../common/auth';
import { AuditService } from '../audit/audit.service';
import type { EvidenceAuditEventData, EvidenceDocumentData, EvidenceSignatureData, EvidenceStepData, EvidenceXmlSignatureData, FolderEvidenceData } from './evidence-data';
import { EvidenceSource } from './evidence-data';
import { type ApprovalRow, FolderEvidenceRepository, type StepRow, type StoredSignature, type VersionRow } from './folder-evidence.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** EvidenceSource over the folders, documents and signing tables, plus the folder's audit events. */
@Injectable()
export class FolderEvidenceSource extends EvidenceSource {
  constructor(
    private readonly rows: FolderEvidenceRepository,
    private readonly audit: AuditService,
  ) {
    super();
  }

  async loadFolderEvidence(ctx: AuthContext, folderId: string): Promise<FolderEvidenceData | undefined> {
    const tenantId = ctx.tenantId;
    const folder = await this.rows.folder(tenantId, folderId);
    if (!folder) return undefined;
    const [steps, approvals, versions, comments, events] = await Promise.all([
      this.rows.steps(tenantId, folderId),
      this.rows.approvals(tenantId, folderId),
      this.rows.versions(tenantId, folderId),
      this.rows.comments(tenantId, folderId),
      this.audit.listForFolder(ctx, folderId),
    ]);
    const desks = await this.rows.deskNames(tenantId, deskIdsOf(steps, approvals, versions));
    const keyIds = versions.map((v) => v.signature?.signingKeyId).filter((id): id is string => typeof id === 'string' && UUID.test(id));
    const certificates = await this.rows.certificates(tenantId, keyIds);
    return {
      tenant: { name: folder.tenant_name, siren: folder.tenant_siren },
      folder: {
        id: folder.id,
        title: folder.title,
        externalId: folder.external_id,
        status: folder.status,
        typology: folder.typology_type ? `${folder.typology_type} / ${folder.typology_subtype ?? ''}` : null,
        circuit: folder.circuit_name ? `${folder.circuit_name} (version ${folder.circuit_version ?? '?'})` : null,
        metadata: folder.metadata,
        createdAt: folder.created_at,
        createdBy: folder.creator_name ?? (folder.api_key_name ? `clé d’API « ${folder.api_key_name} »` : null),
        dueAt: folder.due_at,
        finishedAt: folder.finished_at,
        finishedReason: folder.finished_reason,
      },
      steps: steps.map((step) => toStep(step, approvals, desks)),
      documents: toDocuments(versions, desks, certificates),
      comments: comments.map((c) => ({ authorName: c.author_name, body: c.body, visibility: c.visibility, at: c.created_at })),
      auditEvents: events.map((e): EvidenceAuditEventData => ({
        seq: e.seq, at: new Date(e.at), action: e.action, actorName: e.actor.name ?? e.actor.id, onBehalfOfName: e.actor.onBehalfOfName ?? null, hash: e.hash,
      })),
    };
  }
}

function deskIdsOf(steps: StepRow[], approvals: ApprovalRow[], versions: VersionRow[]): string[] {
  const ids = [
    ...steps.flatMap((s) => s.desk_ids),
    ...approvals.flatMap((a) => [a.desk_id, a.on_behalf_of_desk_id, a.via_desk_id]),
    ...versions.flatMap((v) => [v.signature?.deskId, v.signature?.onBehalfOfDeskId]),
  ];
  return ids.filter((id): id is string => typeof id === 'string' && UUID.test(id));
}

function toStep(step: StepRow, approvals: ApprovalRow[], desks: Map<string, string>): EvidenceStepData {
  return {
    position: step.position,
    kind: step.kind,
    name: step.name,
    deskNames: step.desk_ids.map((id) => desks.get(id) ?? id),
    quorum: step.quorum,
    status: step.status,
    activatedAt: step.activated_at,
    completedAt: step.completed_at,
    actions: approvals
      .filter((a) => a.folder_step_id === step.id)
      .map((a) => {
        // Through a delegation the actor used their own desk (the delegation's target) for the absent one.
        const absent = a.on_behalf_of_desk_id ?? (a.via_desk_id ? a.desk_id : null);
        const own = a.via_desk_id ?? a.desk_id;
        return {
          action: a.action,
          actorName: a.actor_name,
          deskName: desks.get(own) ?? own,
          onBehalfOfDeskName: absent ? (desks.get(absent) ?? absent) : null,
          at: a.at,
          reason: a.reason,
        };
      }),
  };
}

function toDocuments(versions: VersionRow[], desks: Map<string, string>, certificates: Map<string, string>): EvidenceDocumentData[] {
  const documents = new Map<string, EvidenceDocumentData>();
  for (const v of versions) {
    const document = documents.get(v.document_id) ?? { id: v.document_id, fileName: v.file_name, role: v.role, position: v.position, versions: [] };
    document.versions.push({ version: v.version, sha256: v.sha256, size: Number(v.size), createdAt: v.created_at, signature: toSignature(v, desks, certificates) });
    documents.set(v.document_id, document);
  }
  return [...documents.values()];
}

function toSignature(v: VersionRow, desks: Map<string, string>, certificates: Map<string, string>): EvidenceSignatureData | null {
  const s = v.signature;
  if (!s) return null;
  const certificate = certificateFacts(s.signingKeyId ? certificates.get(s.signingKeyId) : undefined);
  return {
    signerName: s.signerName ?? '—',
    deskName: s.deskId ? (desks.get(s.deskId) ?? null) : null,
    onBehalfOfDeskName: s.onBehalfOfDeskId ? (desks.get(s.onBehalfOfDeskId) ?? null) : null,
    level: s.level ?? '—',
    seal: s.seal === true,
    certificateSubject: s.certificateSubject ?? certificate?.subject ?? null,
    certificateSerial: certificate?.serial ?? null,
    signedAt: v.created_at,
    ...(s.xades && { xmlSignatures: xmlSignaturesOf(s.xades, v.created_at) }),
  };
}

/** Each XAdES signature of a PES flow's version, as the signing worker recorded it. */
function xmlSignaturesOf(xades: NonNullable<StoredSignature['xades']>, fallback: Date): EvidenceXmlSignatureData[] {
  return (xades.signatures ?? []).map((signature) => {
    const at = signature.signingTime ? new Date(signature.signingTime) : fallback;
    return { signatureId: signature.signatureId ?? '—', bordereauId: signature.bordereauId ?? null, signedAt: Number.isNaN(at.getTime()) ? fallback : at };
  });
}

function certificateFacts(pem: string | undefined): { subject: string; serial: string } | undefined {
  if (!pem) return undefined;
  try {
    const certificate = new X509Certificate(pem);
    return { subject: certificate.subject.replace(/\n/g, ', '), serial: certificate.serialNumber };
  } catch {
    return undefined;
  }
}
