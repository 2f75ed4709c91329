import { Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { ApiScope, type AuthContext } from '../../common/auth';
import { ApiProblems } from '../../common/errors';
import { API_V1 } from '../../common/http/api-paths';
import { UuidParam } from '../../common/http/uuid-param';
import { Auth, CurrentAuth, RequireScopes } from '../auth/auth.decorators';
import { DocumentVersionDto } from '../documents/dto/document.dto';
import { ArchiveTimestampService } from './archive-timestamp.service';

@ApiTags('Validation')
@Auth()
@RequireScopes(ApiScope.FoldersWrite)
@Controller(`${API_V1}/folders`)
export class ArchiveTimestampController {
  constructor(private readonly archive: ArchiveTimestampService) {}

  /**
   * Archive time-stamp (B-LTA renewal) of a completed or archived folder's main PDF: the latest
   * version gets the validation data of everything it holds (DSS) and a fresh document
   * time-stamp, stored as a new version.
   */
  @Post(':id/documents/:documentId/archive-timestamp')
  @ApiCreatedResponse({ type: DocumentVersionDto, description: 'The new version' })
  @ApiProblems(400, 404, 409, 422)
  timestamp(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string, @UuidParam('documentId') documentId: string): Promise<DocumentVersionDto> {
    return this.archive.timestamp(auth, id, documentId);
  }
}
