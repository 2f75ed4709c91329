import type { EntityManager } from 'typeorm';

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
}
