import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from '../../config';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string | null;
}

const SMTP_TIMEOUT_MS = 15_000;

/** nodemailer over SMTP_URL; absent (embedded mode without SMTP) when the URL is unset. */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly transporter: Transporter | undefined;
  private readonly from: string;

  constructor(config: AppConfig) {
    this.from = config.mail.from;
    this.transporter = config.mail.smtpUrl
      ? createTransport({
          url: config.mail.smtpUrl,
          connectionTimeout: SMTP_TIMEOUT_MS,
          greetingTimeout: SMTP_TIMEOUT_MS,
          socketTimeout: SMTP_TIMEOUT_MS,
        } as Parameters<typeof createTransport>[0])
      : undefined;
  }

  get configured(): boolean {
    return this.transporter !== undefined;
  }

  /** Sends one mail; throws on any SMTP failure so the job retries. */
  async send(mail: OutgoingMail, messageId: string): Promise<void> {
    if (!this.transporter) throw new Error('SMTP is not configured');
    await this.transporter.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html !== null && { html: mail.html }),
      messageId,
    });
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }
}
