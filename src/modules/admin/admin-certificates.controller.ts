import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiScope, type AuthContext } from '../../common/auth';
import { API_V1 } from '../../common/http/api-paths';
import { Auth, CurrentAuth, RequireScopes } from '../auth/auth.decorators';
import { AdminCertificatesService } from './admin-certificates.service';
import { CertificateDto } from './dto/certificates.dto';

@ApiTags('Administration')
@Auth()
@RequireScopes(ApiScope.Admin)
@Controller(`${API_V1}/admin/certificates`)
export class AdminCertificatesController {
  constructor(private readonly certificates: AdminCertificatesService) {}

  /** The tenant seal and people's active signing certificates, with `expiresSoon` 30 days ahead. */
  @Get()
  @ApiOkResponse({ type: [CertificateDto] })
  listCertificates(@CurrentAuth() auth: AuthContext): Promise<CertificateDto[]> {
    return this.certificates.list(auth);
  }
}
