import { Injectable, Logger } from '@nestjs/common';
import { JobHandler } from '../jobs/job-handler.decorator';
import { JobName, type JobPayloads } from '../jobs/job-names';
import { LateDigestService } from './late-digest.service';

@Injectable()
export class LateDigestProcessor {
  private readonly logger = new Logger('Notifications');

  constructor(private readonly digest: LateDigestService) {}

  @JobHandler(JobName.NotificationsLateDigest)
  async handleLateDigest(payload: JobPayloads[JobName.NotificationsLateDigest]): Promise<void> {
    const sent = await this.digest.sendAll();
    this.logger.log({ date: payload.date, mails: sent }, 'Late folders digest queued');
  }
}
