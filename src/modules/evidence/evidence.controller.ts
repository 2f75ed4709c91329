import { Controller, Get, Header, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiScope, type AuthContext } from '../../common/auth';
import { ApiProblems } from '../../common/errors';
import { API_V1 } from '../../common/http/api-paths';
import { UuidParam } from '../../common/http/uuid-param';
import { Auth, CurrentAuth, RequireScopes } from '../auth/auth.decorators';
import { EvidenceDto } from './dto/evidence.dto';
import { EvidenceService } from './evidence.service';

@ApiTags('Evidence')
@Auth()
@RequireScopes(ApiScope.FoldersRead)
@Controller(`${API_V1}/folders`)
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  /** Who did what when on the folder: steps, actors (with delegations), public comments, document hashes, signatures, audit events. */
  @Get(':id/evidence')
  @ApiOkResponse({ type: EvidenceDto, description: 'The bordereau de preuve as JSON' })
  @ApiProblems(400, 404)
  getEvidence(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string): Promise<EvidenceDto> {
    return this.evidence.buildJson(auth, id);
  }

  /** The same evidence as a PDF in French ("Bordereau de preuve"), times in Europe/Paris. */
  @Get(':id/evidence.pdf')
  @Header('Content-Type', 'application/pdf')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The bordereau de preuve as a PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(400, 404)
  async getEvidencePdf(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string): Promise<StreamableFile> {
    const pdf = await this.evidence.buildPdf(auth, id);
    return new StreamableFile(pdf, { disposition: `attachment; filename="bordereau-de-preuve-${id}.pdf"`, length: pdf.length });
  }
}
