import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { Blob } from './blob.entity';
import { BlobStore, type BlobReader, type StoredBlob } from './blob-store';

/** Bytes per read when streaming a blob: one query each, only when the reader wants more. */
export const BLOB_CHUNK_BYTES = 1024 * 1024;

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

  /** Streams with `substring()` on the bytea, one chunk per query, never more than one query in flight. */
  override async open(manager: EntityManager, tenantId: string, blobId: string, chunkBytes = BLOB_CHUNK_BYTES): Promise<BlobReader | null> {
    const [row]: Array<{ size: string }> = await manager.query('SELECT octet_length(data)::bigint AS size FROM blobs WHERE id = $1 AND tenant_id = $2', [blobId, tenantId]);
    if (!row) return null;
    const size = Number(row.size);
    let offset = 0;
    const stream = new Readable({
      read() {
        if (offset >= size) {
          this.push(null);
          return;
        }
        const from = offset;
        offset += chunkBytes;
        manager
          .query('SELECT substring(data FROM $3 FOR $4) AS chunk FROM blobs WHERE id = $1 AND tenant_id = $2', [blobId, tenantId, from + 1, chunkBytes])
          .then((rows: Array<{ chunk: Buffer }>) => {
            if (this.destroyed) return;
            if (rows.length === 0) this.destroy(new Error(`blob ${blobId} disappeared while being read`));
            else this.push(rows[0].chunk);
          }, (error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))));
      },
    });
    return { size, stream };
  }
}
