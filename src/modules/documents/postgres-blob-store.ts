import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Blob } from './blob.entity';
import { BlobStore, type StoredBlob } from './blob-store';

/** Blobs as `bytea` rows of the `blobs` table, written in the caller's transaction. */
@Injectable()
export class PostgresBlobStore extends BlobStore {
  async put(manager: EntityManager, tenantId: string, bytes: Buffer, contentType: string): Promise<StoredBlob> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const repository = manager.getRepository(Blob);
    const saved = await repository.save(repository.create({ tenantId, sha256, size: String(bytes.length), contentType, data: bytes }));
    return { id: saved.id, sha256, size: bytes.length };
  }

  async get(manager: EntityManager, tenantId: string, blobId: string): Promise<Buffer | null> {
    const row = await manager.getRepository(Blob).findOne({ where: { id: blobId, tenantId }, select: { id: true, data: true } });
    return row?.data ?? null;
  }
}
