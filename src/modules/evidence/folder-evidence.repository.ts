import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface FolderRow {
  id: string;
  title: string;
  external_id: string | null;
  status: string;
  metadata: Record<string, string | number | boolean | null>;
  created_at: Date;
  due_at: Date | null;
  finished_at: Date | null;
  finished_reason: string | null;
  tenant_name: string;
  tenant_siren: string;
  creator_name: string | null;
  api_key_name: string | null;
  typology_type: string | null;
  typology_subtype: string | null;
  circuit_name: string | null;
  circuit_version: number | null;
}

export interface StepRow {
  id: string;
  position: number;
  kind: 'visa' | 'signature' | 'seal';
  name: string | null;
  desk_ids: string[];
  quorum: 'any' | 'all';
  status: string;
  activated_at: Date | null;
  completed_at: Date | null;
}

export interface ApprovalRow {
  folder_step_id: string;
  action: 'visa' | 'signature' | 'seal' | 'reject' | 'send_back';
  actor_name: string;
  desk_id: string;
  on_behalf_of_desk_id: string | null;
  /** The delegate's own desk, when the action went through a delegation. */
  via_desk_id: string | null;
  at: Date;
  reason: string | null;
}

export interface VersionRow {
  document_id: string;
  file_name: string;
  role: 'main' | 'annex';
  position: number;
  version: number;
  sha256: string;
  size: string;
  created_at: Date;
  signature: StoredSignature | null;
}

/** The signature column of document_versions as the signing worker writes it. */
export interface StoredSignature {
  signerName?: string;
  deskId?: string | null;
  onBehalfOfDeskId?: string | null;
  level?: string;
  certificateSubject?: string;
  signingKeyId?: string;
  seal?: boolean;
  /** A PES V2 flow: its XAdES signatures. */
  xades?: { target?: string; signatures?: Array<{ signatureId?: string; bordereauId?: string; signingTime?: string }> };
}

export interface CommentRow {
  author_name: string;
  body: string;
  visibility: 'public' | 'private';
  created_at: Date;
}

/** Reads a folder's evidence from the folders, documents and signing tables (owned by those modules); every query names its tenant. */
@Injectable()
export class FolderEvidenceRepository {
  constructor(private readonly dataSource: DataSource) {}

  async folder(tenantId: string, folderId: string): Promise<FolderRow | undefined> {
    const rows: FolderRow[] = await this.dataSource.query(
      `SELECT f.id, f.title, f.external_id, f.status, f.metadata, f.created_at, f.due_at, f.finished_at, f.finished_reason,
              t.name AS tenant_name, t.siren AS tenant_siren, u.display_name AS creator_name, k.name AS api_key_name,
              ty.type AS typology_type, ty.subtype AS typology_subtype, c.name AS circuit_name, cv.version AS circuit_version
         FROM folders f
         JOIN tenants t ON t.id = f.tenant_id
         LEFT JOIN users u ON u.id = f.created_by_user_id AND u.tenant_id = f.tenant_id
         LEFT JOIN api_keys k ON k.id = f.created_by_api_key_id AND k.tenant_id = f.tenant_id
         LEFT JOIN typologies ty ON ty.id = f.typology_id AND ty.tenant_id = f.tenant_id
         LEFT JOIN circuit_versions cv ON cv.id = f.circuit_version_id AND cv.tenant_id = f.tenant_id
         LEFT JOIN circuits c ON c.id = cv.circuit_id AND c.tenant_id = f.tenant_id
        WHERE f.tenant_id = $1 AND f.id = $2`,
      [tenantId, folderId],
    );
    return rows[0];
  }

  steps(tenantId: string, folderId: string): Promise<StepRow[]> {
    return this.dataSource.query(
      `SELECT id, position, kind, name, desk_ids, quorum, status, activated_at, completed_at
         FROM folder_steps WHERE tenant_id = $1 AND folder_id = $2 ORDER BY position`,
      [tenantId, folderId],
    );
  }

  approvals(tenantId: string, folderId: string): Promise<ApprovalRow[]> {
    return this.dataSource.query(
      `SELECT a.folder_step_id, a.action, a.actor_name, a.desk_id, a.on_behalf_of_desk_id, g.to_desk_id AS via_desk_id, a.at, a.reason
         FROM step_approvals a
         JOIN folder_steps s ON s.id = a.folder_step_id AND s.tenant_id = a.tenant_id
         LEFT JOIN delegations g ON g.id = a.delegation_id AND g.tenant_id = a.tenant_id
        WHERE a.tenant_id = $1 AND s.folder_id = $2 ORDER BY a.at, a.id`,
      [tenantId, folderId],
    );
  }

  versions(tenantId: string, folderId: string): Promise<VersionRow[]> {
    return this.dataSource.query(
      `SELECT d.id AS document_id, d.file_name, d.role, d.position, v.version, v.sha256, v.size, v.created_at, v.signature
         FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.tenant_id = d.tenant_id
        WHERE d.tenant_id = $1 AND d.folder_id = $2 ORDER BY d.role, d.position, v.version`,
      [tenantId, folderId],
    );
  }

  comments(tenantId: string, folderId: string): Promise<CommentRow[]> {
    return this.dataSource.query(
      `SELECT author_name, body, visibility, created_at FROM comments WHERE tenant_id = $1 AND folder_id = $2 ORDER BY created_at, id`,
      [tenantId, folderId],
    );
  }

  async deskNames(tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; name: string }> = await this.dataSource.query(
      `SELECT id, name FROM desks WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenantId, [...new Set(ids)]],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  async certificates(tenantId: string, keyIds: readonly string[]): Promise<Map<string, string>> {
    if (keyIds.length === 0) return new Map();
    const rows: Array<{ id: string; certificate_pem: string }> = await this.dataSource.query(
      `SELECT id, certificate_pem FROM signing_keys WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenantId, [...new Set(keyIds)]],
    );
    return new Map(rows.map((row) => [row.id, row.certificate_pem]));
  }
}
