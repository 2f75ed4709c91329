import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { DocumentVersion, type VersionSignature } from './document-version.entity';
import { Document, type DocumentRole } from './document.entity';

/** Documents and versions; every query names the tenant, and writes take the caller's transaction. */
@Injectable()
export class DocumentsRepository {
  insertDocument(
    manager: EntityManager,
    values: { tenantId: string; folderId: string; role: DocumentRole; fileName: string; contentType: string; position: number; xmlSignatureTarget?: Document['xmlSignatureTarget'] },
  ): Promise<Document> {
    const repository = manager.getRepository(Document);
    return repository.save(repository.create(values));
  }

  insertVersion(
    manager: EntityManager,
    values: { tenantId: string; documentId: string; version: number; blobId: string; sha256: string; size: number; signature: VersionSignature | null },
  ): Promise<DocumentVersion> {
    const repository = manager.getRepository(DocumentVersion);
    return repository.save(repository.create({ ...values, size: String(values.size) }));
  }

  findDocument(manager: EntityManager, tenantId: string, folderId: string, documentId: string): Promise<Document | null> {
    return manager.getRepository(Document).findOneBy({ id: documentId, tenantId, folderId });
  }

  findVersion(manager: EntityManager, tenantId: string, documentId: string, version: number): Promise<DocumentVersion | null> {
    return manager.getRepository(DocumentVersion).findOneBy({ tenantId, documentId, version });
  }

  latestVersion(manager: EntityManager, tenantId: string, documentId: string): Promise<DocumentVersion | null> {
    return manager.getRepository(DocumentVersion).findOne({ where: { tenantId, documentId }, order: { version: 'DESC' } });
  }

  documentsOfFolders(manager: EntityManager, tenantId: string, folderIds: readonly string[]): Promise<Document[]> {
    if (folderIds.length === 0) return Promise.resolve([]);
    return manager.getRepository(Document).find({ where: { tenantId, folderId: In([...folderIds]) }, order: { role: 'DESC', position: 'ASC' } });
  }

  versionsOf(manager: EntityManager, tenantId: string, documentIds: readonly string[]): Promise<DocumentVersion[]> {
    if (documentIds.length === 0) return Promise.resolve([]);
    return manager.getRepository(DocumentVersion).find({ where: { tenantId, documentId: In([...documentIds]) }, order: { version: 'ASC' } });
  }
}
