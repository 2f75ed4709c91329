import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiScope, type AuthContext } from '../../../common/auth';
import { ApiProblems } from '../../../common/errors';
import { API_V1 } from '../../../common/http/api-paths';
import { UuidParam } from '../../../common/http/uuid-param';
import { Auth, CurrentAuth, RequireScopes } from '../../auth/auth.decorators';
import { SignAcceptedDto, SignatureTaskDto, SignatureTaskRefDto, SignFolderDto } from '../dto/sign.dto';
import { SignActionService } from './sign-action.service';

@ApiTags('Signing')
@Auth()
@Controller(API_V1)
export class SigningActionsController {
  constructor(private readonly signing: SignActionService) {}

  /**
   * Signs the folder's active signature step (people only): the PIN (or, with TOTP on, a one-time
   * code) is the consent for this folder; one signature job per main document is queued. 429 after
   * 5 wrong PINs or codes (key locked 15 minutes).
   */
  @Post('folders/:id/actions/sign')
  @RequireScopes(ApiScope.FoldersWrite)
  @HttpCode(202)
  @ApiAcceptedResponse({ type: SignAcceptedDto, description: 'Consent recorded, signature jobs queued' })
  @ApiProblems(400, 403, 404, 409, 422, 503)
  signFolder(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string, @Body() body: SignFolderDto): Promise<SignAcceptedDto> {
    return this.signing.sign(auth, id, { pin: body.pin, totp: body.totp });
  }

  /** Queues a failed signature task again (after its reason was fixed: TSA back, seal uploaded…). */
  @Post('signature-tasks/:id/retry')
  @RequireScopes(ApiScope.FoldersWrite)
  @HttpCode(202)
  @ApiAcceptedResponse({ type: SignatureTaskRefDto, description: 'Task queued again' })
  @ApiProblems(400, 404, 409, 503)
  retrySignatureTask(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string): Promise<SignatureTaskRefDto> {
    return this.signing.retry(auth, id);
  }

  /** The folder's signature and seal tasks: status, attempts and, when failed, the reason to show. */
  @Get('folders/:id/signature-tasks')
  @RequireScopes(ApiScope.FoldersRead)
  @ApiOkResponse({ type: [SignatureTaskDto] })
  @ApiProblems(400, 404)
  listSignatureTasks(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string): Promise<SignatureTaskDto[]> {
    return this.signing.listForFolder(auth, id);
  }
}
