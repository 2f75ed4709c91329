import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type BlobReader, BlobStore } from './blob-store';
import { DocumentVersion, type VersionSignature } from './document-version.entity';
import { type Document, DocumentRole } from './document.entity';
import { DocumentError, DocumentErrorCode } from './documents.errors';
import { DocumentsRepository } from './documents.repository';
import type { DocumentDto, DocumentVersionDto } from './dto/document.dto';
import { PES_MEDIA_TYPE } from './xml-intake';

/** A file received with a folder, already checked (main PDFs went through `checkPdfForIntake`). */
export interface IncomingFile {
  role: DocumentRole;
  fileName: string;
  contentType: string;
  bytes: Buffer;
  /** Set on a PES V2 main document (checkPesForIntake): stored as application/xml, signed in XAdES. */
  xmlSignatureTarget?: 'bordereaux' | 'root';
}

export interface VersionContent {
  bytes: Buffer;
  fileName: string;
  contentType: string;
  sha256: string;
  version: number;
  /** A PES V2 document: where its XAdES signatures go. */
  xmlSignatureTarget?: 'bordereaux' | 'root' | null;
}

/** A version's bytes as a stream (see BlobStore.open), with what a download needs to say about them. */
export interface VersionStream extends Omit<VersionContent, 'bytes'>, BlobReader {}

const PDF = 'application/pdf';

/** Documents of folders: immutable versions over the blob store, written in the caller's transaction. */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly documents: DocumentsRepository,
    private readonly blobs: BlobStore,
  ) {}

  /** Stores each file as a document with its version 1, numbered per role in the given order. */
  async addToFolder(manager: EntityManager, tenantId: string, folderId: string, files: readonly IncomingFile[]): Promise<void> {
    const positions = new Map<DocumentRole, number>();
    for (const file of files) {
      const position = (positions.get(file.role) ?? 0) + 1;
      positions.set(file.role, position);
      const contentType = file.role === DocumentRole.Main ? mainContentType(file) : file.contentType || 'application/octet-stream';
      const xmlSignatureTarget = file.role === DocumentRole.Main ? (file.xmlSignatureTarget ?? null) : null;
      const document = await this.documents.insertDocument(manager, { tenantId, folderId, role: file.role, fileName: file.fileName, contentType, position, xmlSignatureTarget });
      const blob = await this.blobs.put(manager, tenantId, file.bytes, contentType);
      await this.documents.insertVersion(manager, { tenantId, documentId: document.id, version: 1, blobId: blob.id, sha256: blob.sha256, size: blob.size, signature: null });
    }
  }

  /**
   * Writes version `version` of a document (a signature's result). The unique (document, version)
   * makes a second write of the same version fail with 409 instead of signing twice.
   */
  async appendVersion(manager: EntityManager, tenantId: string, documentId: string, version: number, bytes: Buffer, signature: VersionSignature, contentType = PDF): Promise<DocumentVersionDto> {
    const existing = await this.documents.findVersion(manager, tenantId, documentId, version);
    if (existing) {
      throw new DocumentError(DocumentErrorCode.VersionExists, `La version ${version} de ce document existe déjà : la signature a déjà été enregistrée.`);
    }
    const blob = await this.blobs.put(manager, tenantId, bytes, contentType);
    const saved = await this.documents.insertVersion(manager, { tenantId, documentId, version, blobId: blob.id, sha256: blob.sha256, size: blob.size, signature });
    return toVersionDto(saved);
  }

  /** Documents of the folders (main first, then annexes, by position) with their versions. */
  async listForFolders(manager: EntityManager, tenantId: string, folderIds: readonly string[]): Promise<Map<string, DocumentDto[]>> {
    const documents = await this.documents.documentsOfFolders(manager, tenantId, folderIds);
    const versions = await this.documents.versionsOf(manager, tenantId, documents.map((d) => d.id));
    const byDocument = new Map<string, DocumentVersionDto[]>();
    for (const version of versions) byDocument.set(version.documentId, [...(byDocument.get(version.documentId) ?? []), toVersionDto(version)]);
    const result = new Map<string, DocumentDto[]>();
    for (const document of documents) {
      result.set(document.folderId, [...(result.get(document.folderId) ?? []), toDocumentDto(document, byDocument.get(document.id) ?? [])]);
    }
    return result;
  }

  /** Main documents of a folder with their latest version number (signature tasks sign that one). */
  async mainDocumentsWithLatest(manager: EntityManager, tenantId: string, folderId: string): Promise<Array<{ documentId: string; version: number }>> {
    const documents = (await this.documents.documentsOfFolders(manager, tenantId, [folderId])).filter((d) => d.role === DocumentRole.Main);
    const result: Array<{ documentId: string; version: number }> = [];
    for (const document of documents) {
      const latest = await this.documents.latestVersion(manager, tenantId, document.id);
      if (latest) result.push({ documentId: document.id, version: latest.version });
    }
    return result;
  }

  /** The bytes of one version of a folder's document; 404 problems when any id is not the tenant's. */
  async content(manager: EntityManager, tenantId: string, folderId: string, documentId: string, version: number): Promise<VersionContent> {
    const { document, row } = await this.locate(manager, tenantId, folderId, documentId, version);
    const bytes = await this.blobs.get(manager, tenantId, row.blobId);
    if (!bytes) throw versionNotFound(document, version);
    return { bytes, fileName: document.fileName, contentType: document.contentType, sha256: row.sha256, version: row.version, xmlSignatureTarget: document.xmlSignatureTarget };
  }

  /** Like `content`, streamed from the blob store instead of loaded whole (large PDFs, ZIP bundles). */
  async contentStream(manager: EntityManager, tenantId: string, folderId: string, documentId: string, version: number): Promise<VersionStream> {
    const { document, row } = await this.locate(manager, tenantId, folderId, documentId, version);
    const reader = await this.blobs.open(manager, tenantId, row.blobId);
    if (!reader) throw versionNotFound(document, version);
    return { ...reader, fileName: document.fileName, contentType: document.contentType, sha256: row.sha256, version: row.version };
  }

  private async locate(manager: EntityManager, tenantId: string, folderId: string, documentId: string, version: number): Promise<{ document: Document; row: DocumentVersion }> {
    const document = await this.documents.findDocument(manager, tenantId, folderId, documentId);
    if (!document) throw new DocumentError(DocumentErrorCode.NotFound, `Aucun document ${documentId} dans ce dossier.`);
    const row = await this.documents.findVersion(manager, tenantId, documentId, version);
    if (!row) throw versionNotFound(document, version);
    return { document, row };
  }
}

function versionNotFound(document: Document, version: number): DocumentError {
  return new DocumentError(DocumentErrorCode.VersionNotFound, `Le document « ${document.fileName} » n’a pas de version ${version}.`);
}

/** Main documents are PDFs, or PES V2 flows that went through the XML intake. */
function mainContentType(file: IncomingFile): string {
  return file.xmlSignatureTarget ? PES_MEDIA_TYPE : PDF;
}

function toVersionDto(version: DocumentVersion): DocumentVersionDto {
  const signature = version.signature;
  return {
    id: version.id,
    version: version.version,
    sha256: version.sha256,
    size: Number(version.size),
    signature: signature && {
      signerName: signature.signerName,
      deskId: signature.deskId,
      onBehalfOfDeskId: signature.onBehalfOfDeskId,
      level: signature.level,
      seal: signature.seal,
    },
    createdAt: version.createdAt.toISOString(),
  };
}

function toDocumentDto(document: Document, versions: DocumentVersionDto[]): DocumentDto {
  return { id: document.id, role: document.role, fileName: document.fileName, contentType: document.contentType, position: document.position, versions };
}
