import { Module } from '@nestjs/common';
import { SecretBox } from '../../common/crypto/secret-box';
import { AppConfig } from '../../config';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { AuthLoginController } from './auth-login.controller';
import { LoginAttemptsRepository } from './login-attempts.repository';
import { LoginThrottle } from './login-throttle.service';
import { LoginService } from './login.service';
import { MeController } from './me.controller';
import { MeService } from './me.service';
import { SessionAuthModule } from './session-auth.module';
import { SignatureImageController } from './signature-image.controller';
import { SignatureImageService } from './signature-image.service';
import { SignatureImagesRepository } from './signature-images.repository';
import { TotpService } from './totp.service';

/** People login: sessions, CSRF, TOTP, throttling, and /me (with the handwritten signature). */
@Module({
  imports: [AuthModule, UsersModule, SessionAuthModule, AuditModule],
  controllers: [AuthLoginController, MeController, SignatureImageController],
  providers: [
    LoginAttemptsRepository, LoginThrottle, LoginService, MeService, TotpService, SignatureImagesRepository, SignatureImageService,
    { provide: SecretBox, inject: [AppConfig], useFactory: (config: AppConfig) => new SecretBox(config.masterKey) },
  ],
  exports: [LoginService, TotpService, SecretBox],
})
export class SessionsModule {}
