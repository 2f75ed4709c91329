import { Module } from '@nestjs/common';
import { AppConfig } from '../../config';
import { SessionAuthenticator } from './session-authenticator.service';
import { CsrfTokens } from './session-tokens';
import { SessionsRepository } from './sessions.repository';

/** What the shared auth guard needs to read a session cookie; no dependency on other feature modules. */
@Module({
  providers: [
    SessionsRepository,
    SessionAuthenticator,
    { provide: CsrfTokens, inject: [AppConfig], useFactory: (config: AppConfig) => new CsrfTokens(config.masterKey) },
  ],
  exports: [SessionsRepository, SessionAuthenticator, CsrfTokens],
})
export class SessionAuthModule {}
