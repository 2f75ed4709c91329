import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiScope, type AuthContext } from '../../../common/auth';
import { ApiProblems } from '../../../common/errors';
import { API_V1 } from '../../../common/http/api-paths';
import { UuidParam } from '../../../common/http/uuid-param';
import { Auth, CurrentAuth, RequireScopes } from '../../auth/auth.decorators';
import { EvidenceBundleService } from './evidence-bundle.service';

@ApiTags('Evidence')
@Auth()
@RequireScopes(ApiScope.FoldersRead)
@Controller(`${API_V1}/folders`)
export class EvidenceBundleController {
  constructor(private readonly bundles: EvidenceBundleService) {}

  /**
   * A ZIP streamed to the client: `documents/` (latest version of each main PDF), `annexes/`,
   * `preuve/bordereau-de-preuve.pdf`, `preuve/preuve.json` and `manifest.json` (path, SHA-256, size of each file).
   */
  @Get(':id/evidence-bundle')
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'The folder’s documents, annexes and evidence as a ZIP', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(400, 404)
  async getEvidenceBundle(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string, @Res() response: Response): Promise<void> {
    const bundle = await this.bundles.open(auth, id);
    response.status(200);
    response.setHeader('Content-Type', 'application/zip');
    response.setHeader('Content-Disposition', bundle.disposition);
    response.setHeader('Cache-Control', 'no-store');
    response.on('close', () => {
      if (!response.writableFinished) bundle.abort();
    });
    bundle.stream.on('error', () => response.destroy());
    bundle.stream.pipe(response);
  }
}
