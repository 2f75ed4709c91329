import type { AuthContext } from '../../common/auth';

/** Everything the bordereau de preuve says about one folder, as plain data (no entities). */
export interface FolderEvidenceData {
  tenant: { name: string; siren: string };
  folder: {
    id: string;
    title: string;
    externalId: string | null;
    status: string;
    /** "Finances / Bordereau de mandats"; null when unknown. */
    typology: string | null;
    /** "Circuit finances (version 3)"; null when unknown. */
    circuit: string | null;
    metadata: Record<string, string | number | boolean | null>;
    createdAt: Date;
    createdBy: string | null;
    dueAt: Date | null;
    finishedAt: Date | null;
    finishedReason: string | null;
  };
  steps: EvidenceStepData[];
  documents: EvidenceDocumentData[];
  comments: EvidenceCommentData[];
  auditEvents: EvidenceAuditEventData[];
}

export interface EvidenceStepData {
  position: number;
  kind: 'visa' | 'signature' | 'seal';
  name: string | null;
  deskNames: string[];
  quorum: 'any' | 'all';
  status: string;
  activatedAt: Date | null;
  completedAt: Date | null;
  actions: EvidenceActionData[];
}

export interface EvidenceActionData {
  action: 'visa' | 'signature' | 'seal' | 'reject' | 'send_back';
  actorName: string;
  deskName: string;
  /** The desk acted for through a delegation ("en l'absence de …"). */
  onBehalfOfDeskName: string | null;
  at: Date;
  reason: string | null;
}

export interface EvidenceDocumentData {
  id: string;
  fileName: string;
  role: 'main' | 'annex';
  position: number;
  versions: EvidenceVersionData[];
}

export interface EvidenceVersionData {
  version: number;
  sha256: string;
  size: number;
  createdAt: Date;
  signature: EvidenceSignatureData | null;
}

export interface EvidenceSignatureData {
  signerName: string;
  deskName: string | null;
  onBehalfOfDeskName: string | null;
  level: string;
  seal: boolean;
  certificateSubject: string | null;
  certificateSerial: string | null;
  signedAt: Date;
  /** XAdES signatures of a PES V2 flow: one per bordereau (bordereauId) or one of the whole flow (null). */
  xmlSignatures?: EvidenceXmlSignatureData[];
}

export interface EvidenceXmlSignatureData {
  signatureId: string;
  bordereauId: string | null;
  signedAt: Date;
}

export interface EvidenceCommentData {
  authorName: string;
  body: string;
  visibility: 'public' | 'private';
  at: Date;
}

export interface EvidenceAuditEventData {
  seq: number;
  at: Date;
  action: string;
  actorName: string;
  onBehalfOfName: string | null;
  hash: string;
}

/**
 * Loads a folder's evidence data for the caller's tenant; undefined when the tenant has no such folder.
 * Bound to FolderEvidenceSource (SQL on the folders and documents tables); another module may bind its own.
 */
export abstract class EvidenceSource {
  abstract loadFolderEvidence(ctx: AuthContext, folderId: string): Promise<FolderEvidenceData | undefined>;
}
