import { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';

/** A blob being read: its size, and its bytes as they come. */
export interface BlobReader {
  size: number;
  stream: Readable;
}

export interface StoredBlob {
  id: string;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  size: number;
}

/**
 * Where document bytes live: PostgreSQL now (`PostgresBlobStore`), an object store later. Writes take
 * the caller's transaction manager so a failed use case leaves no blob behind. Also the injection token.
 */
export abstract class BlobStore {
  abstract put(manager: EntityManager, tenantId: string, bytes: Buffer, contentType: string): Promise<StoredBlob>;
  /** The bytes, or null when the tenant has no such blob. */
  abstract get(manager: EntityManager, tenantId: string, blobId: string): Promise<Buffer | null>;

  /**
   * The bytes as a stream, or null when the tenant has no such blob. Give a manager that outlives the
   * reading (not a transaction about to end). This default reads the blob whole; adapters read in chunks.
   */
  async open(manager: EntityManager, tenantId: string, blobId: string): Promise<BlobReader | null> {
    const bytes = await this.get(manager, tenantId, blobId);
    return bytes && { size: bytes.length, stream: Readable.from([bytes]) };
  }
}
