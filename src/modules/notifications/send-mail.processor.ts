import { Injectable } from '@nestjs/common';
import { JobHandler } from '../jobs/job-handler.decorator';
import { JobName, type JobPayloads } from '../jobs/job-names';
import { MailService } from './mail.service';

@Injectable()
export class SendMailProcessor {
  constructor(private readonly mail: MailService) {}

  /** Throws while the SMTP server fails, so the job is retried with backoff; sending twice is avoided by sent_at. */
  @JobHandler(JobName.NotificationsSendMail)
  async handleSendMail(payload: JobPayloads[JobName.NotificationsSendMail]): Promise<void> {
    await this.mail.deliver(payload.tenantId, payload.outboxId);
  }
}
