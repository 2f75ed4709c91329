import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { AfterCommit } from './after-commit';
import { DigestScheduler } from './digest-scheduler';
import { LateDigestProcessor } from './late-digest.processor';
import { LateDigestService } from './late-digest.service';
import { MailOutboxRepository } from './mail-outbox.repository';
import { MailTransport } from './mail-transport';
import { MailService } from './mail.service';
import { NotificationDirectoryRepository } from './notification-directory.repository';
import { NotificationsService } from './notifications.service';
import { OutboxController } from './outbox.controller';
import { OutboxService } from './outbox.service';
import { SendMailProcessor } from './send-mail.processor';

/** Mail (SMTP or the outbox table), folder notifications and the daily digest of late folders. */
@Module({
  imports: [AuthModule, UsersModule],
  controllers: [OutboxController],
  providers: [
    AfterCommit, MailTransport, MailOutboxRepository, MailService, SendMailProcessor,
    NotificationDirectoryRepository, NotificationsService,
    LateDigestService, LateDigestProcessor, DigestScheduler,
    OutboxService,
  ],
  exports: [MailService, NotificationsService, AfterCommit],
})
export class NotificationsModule {}
