import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { DocumentsModule } from '../documents/documents.module';
import { ValidationModule } from '../validation/validation.module';
import { EvidenceBundleController } from './bundle/evidence-bundle.controller';
import { EvidenceBundleService } from './bundle/evidence-bundle.service';
import { EvidenceSource } from './evidence-data';
import { EvidenceController } from './evidence.controller';
import { EvidenceService } from './evidence.service';
import { FolderEvidenceRepository } from './folder-evidence.repository';
import { FolderEvidenceSource } from './folder-evidence.source';

/** The bordereau de preuve (JSON and PDF) of a folder, and the ZIP bundle of its documents with that evidence. */
@Module({
  imports: [AuthModule, AuditModule, DocumentsModule, ValidationModule],
  controllers: [EvidenceController, EvidenceBundleController],
  providers: [FolderEvidenceRepository, { provide: EvidenceSource, useClass: FolderEvidenceSource }, EvidenceService, EvidenceBundleService],
  exports: [EvidenceService],
})
export class EvidenceModule {}
