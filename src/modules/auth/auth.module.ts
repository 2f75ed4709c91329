import { Module } from '@nestjs/common';
import { SessionAuthModule } from '../sessions/session-auth.module';
import { ApiKeyAuthenticator } from './api-key-authenticator.service';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';

@Module({
  imports: [SessionAuthModule],
  controllers: [ApiKeysController],
  providers: [ApiKeysRepository, ApiKeysService, ApiKeyAuthenticator, ApiKeyGuard],
  exports: [ApiKeysService, ApiKeyAuthenticator, ApiKeyGuard, SessionAuthModule],
})
export class AuthModule {}
