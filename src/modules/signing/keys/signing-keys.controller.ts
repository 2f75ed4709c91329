import { Body, Controller, Delete, Get, HttpCode, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiScope, type AuthContext } from '../../../common/auth';
import { ApiProblems } from '../../../common/errors';
import { API_V1 } from '../../../common/http/api-paths';
import { UuidParam } from '../../../common/http/uuid-param';
import { Auth, CurrentAuth, RequireScopes } from '../../auth/auth.decorators';
import { EnrolSigningKeyDto, ImportPkcs12Dto, RegisterHsmSealDto, SigningKeyDto, TenantCaDto, UploadSealDto } from '../dto/signing-key.dto';
import { SigningKeysService } from './signing-keys.service';

/** PKCS#12 files are small: a key and a few certificates. */
const PKCS12_UPLOAD = FileInterceptor('file', { limits: { fileSize: 256 * 1024, files: 1 } });

interface UploadedPkcs12 {
  buffer: Buffer;
}

@ApiTags('Signing keys')
@Auth()
@Controller(API_V1)
export class SigningKeysController {
  constructor(private readonly keys: SigningKeysService) {}

  /**
   * Issues a key pair and a certificate from the tenant CA for the logged-in person, protected by a
   * PIN. Replacing an existing key needs its current PIN (`currentPin`; 5 wrong PINs lock it: 429).
   */
  @Post('me/signing-key')
  @ApiCreatedResponse({ type: SigningKeyDto, description: 'Key issued; the PIN will be asked at each signature' })
  @ApiProblems(400, 403)
  enrolSigningKey(@CurrentAuth() auth: AuthContext, @Body() body: EnrolSigningKeyDto): Promise<SigningKeyDto> {
    return this.keys.enrol(auth, body.pin, body.currentPin);
  }

  /** Imports the person's own PKCS#12 (key + certificate) as their signing key, protected by a new PIN. */
  @Post('me/signing-key/pkcs12')
  @UseInterceptors(PKCS12_UPLOAD)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportPkcs12Dto })
  @ApiCreatedResponse({ type: SigningKeyDto, description: 'Key imported' })
  @ApiProblems(400, 403, 413, 422)
  importSigningKeyPkcs12(
    @CurrentAuth() auth: AuthContext,
    @UploadedFile() file: UploadedPkcs12 | undefined,
    @Body() body: ImportPkcs12Dto,
  ): Promise<SigningKeyDto> {
    return this.keys.importPkcs12(auth, file?.buffer, body.password, body.pin, body.currentPin);
  }

  /** Revokes a person's signing key (forgotten PIN, departure): they may then enrol a new one. */
  @Delete('users/:id/signing-key')
  @RequireScopes(ApiScope.Admin)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'No active key any more (also when there was none)' })
  @ApiProblems(400, 404)
  revokeUserSigningKey(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string): Promise<void> {
    return this.keys.revokeForUser(auth, id);
  }

  /** The logged-in person's active signing key (public part only). */
  @Get('me/signing-key')
  @ApiOkResponse({ type: SigningKeyDto })
  @ApiProblems(403, 422)
  getMySigningKey(@CurrentAuth() auth: AuthContext): Promise<SigningKeyDto> {
    return this.keys.mine(auth);
  }

  /** Uploads the tenant seal (cachet) used automatically by seal steps; its password is never stored. */
  @Post('signing/seal')
  @RequireScopes(ApiScope.Admin)
  @UseInterceptors(PKCS12_UPLOAD)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadSealDto })
  @ApiCreatedResponse({ type: SigningKeyDto, description: 'Seal stored (replaces the previous one)' })
  @ApiProblems(400, 413, 422)
  uploadSeal(@CurrentAuth() auth: AuthContext, @UploadedFile() file: UploadedPkcs12 | undefined, @Body() body: UploadSealDto): Promise<SigningKeyDto> {
    return this.keys.uploadSeal(auth, file?.buffer, body.password);
  }

  /**
   * Makes a key held by the server's PKCS#11 token (HSM) the tenant seal: the key never leaves the
   * token; its certificate is read from the token and checked against the key (replaces the previous seal).
   */
  @Post('signing/seal/pkcs11')
  @RequireScopes(ApiScope.Admin)
  @ApiCreatedResponse({ type: SigningKeyDto, description: 'Seal registered (replaces the previous one)' })
  @ApiProblems(400, 422)
  registerHsmSeal(@CurrentAuth() auth: AuthContext, @Body() body: RegisterHsmSealDto): Promise<SigningKeyDto> {
    return this.keys.registerHsmSeal(auth, body);
  }

  /** The tenant seal's certificate. */
  @Get('signing/seal')
  @RequireScopes(ApiScope.Admin)
  @ApiOkResponse({ type: SigningKeyDto })
  @ApiProblems(422)
  getSeal(@CurrentAuth() auth: AuthContext): Promise<SigningKeyDto> {
    return this.keys.seal(auth);
  }

  /** The tenant root certificate that issued people's keys (to trust when validating signed PDFs). */
  @Get('signing/ca')
  @ApiOkResponse({ type: TenantCaDto })
  @ApiProblems(422)
  getTenantCa(@CurrentAuth() auth: AuthContext): Promise<TenantCaDto> {
    return this.keys.tenantRoot(auth);
  }
}
