import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { DocumentsModule } from '../documents/documents.module';
import { ArchiveRenewal } from './archive-renewal';
import { ArchiveTimestampController } from './archive-timestamp.controller';
import { ArchiveTimestampService } from './archive-timestamp.service';
import { ValidationController } from './validation.controller';
import { ValidationService } from './validation.service';

/** POST /api/v1/validation (a report, JSON or French PDF, of any signed PDF) and archive time-stamps of folder documents. */
@Module({
  imports: [AuthModule, AuditModule, DocumentsModule],
  controllers: [ValidationController, ArchiveTimestampController],
  providers: [ValidationService, ArchiveTimestampService, ArchiveRenewal],
  exports: [ValidationService, ArchiveTimestampService],
})
export class ValidationModule {}
