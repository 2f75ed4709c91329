import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { OidcLoginController } from './oidc-login.controller';
import { OidcSignInService } from './oidc-sign-in.service';

/** OpenID Connect sign-in (ProConnect, Keycloak, Entra ID) onto existing users; configured by OIDC_* variables. */
@Module({
  imports: [SessionsModule, UsersModule],
  controllers: [OidcLoginController],
  providers: [OidcSignInService],
})
export class OidcModule {}
