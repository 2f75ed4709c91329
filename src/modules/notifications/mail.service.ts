import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JobName } from '../jobs/job-names';
import { JobsService } from '../jobs/jobs.service';
import { AfterCommit } from './after-commit';
import { type MailMessage, normaliseRecipients } from './mail-message';
import { MailOutboxRepository } from './mail-outbox.repository';
import { MailTransport } from './mail-transport';
import { NotificationError, NotificationErrorCode } from './notifications.errors';

const SUBJECT_MAX_LENGTH = 300;

/**
 * Every mail goes through the outbox: the row is written (inside the caller's transaction when one is
 * given), then a `notifications.send-mail` job is enqueued once that transaction commits. The job sends
 * it over SMTP when configured (and retries with backoff), or leaves it in the outbox otherwise.
 */
@Injectable()
export class MailService {
  private readonly logger = new Logger('Mail');

  constructor(
    private readonly outbox: MailOutboxRepository,
    private readonly transport: MailTransport,
    private readonly jobs: JobsService,
    private readonly afterCommit: AfterCommit,
  ) {}

  /** Queues one mail; returns its outbox id. */
  async send(tenantId: string, message: MailMessage, manager?: EntityManager): Promise<string> {
    const to = normaliseRecipients(message.to);
    if (!to) throw new NotificationError(NotificationErrorCode.RecipientInvalid, 'Adresse de destinataire invalide : le message n’a pas été envoyé.');
    const subject = message.subject.replace(/[\r\n]+/g, ' ').slice(0, SUBJECT_MAX_LENGTH);
    const row = await this.outbox.insert(manager, tenantId, { to, subject, text: message.text, html: message.html ?? null });
    const enqueue = async (): Promise<void> => {
      await this.jobs.enqueue(JobName.NotificationsSendMail, { tenantId, outboxId: row.id }, { jobId: `mail-${row.id}` });
    };
    if (manager) await this.afterCommit.run(manager, enqueue);
    else await enqueue();
    return row.id;
  }

  /** The job's work: send the outbox row over SMTP once; without SMTP, keep it in the outbox. */
  async deliver(tenantId: string, outboxId: string): Promise<void> {
    if (!this.transport.configured) return;
    const mail = await this.outbox.findById(tenantId, outboxId);
    if (!mail) {
      this.logger.warn({ outboxId }, 'Mail not found in the outbox (rolled back?): nothing to send');
      return;
    }
    if (mail.sentAt) return;
    try {
      await this.transport.send(mail, `<${mail.id}@parapheur>`);
    } catch (error) {
      await this.outbox.markFailed(tenantId, outboxId, describeSmtpError(error));
      throw error;
    }
    await this.outbox.markSent(tenantId, outboxId, new Date());
  }
}

/** The server's answer or the network error, never the URL (it may carry credentials). */
function describeSmtpError(error: unknown): string {
  // Duck-typed: errors from Node's sockets may come from another realm (e.g. under a test runner).
  if (typeof error !== 'object' || error === null) return 'Unknown SMTP error';
  const { code, response, message } = error as { code?: unknown; response?: unknown; message?: unknown };
  const text = typeof response === 'string' ? response : typeof message === 'string' ? message : 'Unknown SMTP error';
  return `${typeof code === 'string' ? `${code}: ` : ''}${text}`.replace(/smtps?:\/\/[^\s]*/gi, 'smtp://***').slice(0, 1000);
}
