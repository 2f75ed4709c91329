import { Module } from '@nestjs/common';
import { BlobStore } from './blob-store';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import { PostgresBlobStore } from './postgres-blob-store';

/** Documents and their immutable versions over a blob store (PostgreSQL for now); PDF intake checks. */
@Module({
  providers: [DocumentsRepository, DocumentsService, { provide: BlobStore, useClass: PostgresBlobStore }],
  exports: [DocumentsService, BlobStore],
})
export class DocumentsModule {}
