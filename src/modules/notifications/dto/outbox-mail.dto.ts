import { ApiProperty } from '@nestjs/swagger';
import type { MailOutbox } from '../mail-outbox.entity';

export class OutboxMailDto {
  @ApiProperty({ description: 'Mail id', format: 'uuid', example: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f' })
  id!: string;

  @ApiProperty({ description: 'Recipients, comma-separated', example: 'maire@mairie-exemple.fr' })
  to!: string;

  @ApiProperty({ description: 'Subject', example: '[Parapheur] À traiter : Marché de voirie' })
  subject!: string;

  @ApiProperty({ description: 'Plain-text body', example: 'Bonjour,\n\nLe dossier « Marché de voirie » attend votre signature pour le bureau « Maire ».' })
  text!: string;

  @ApiProperty({ description: 'HTML body', nullable: true, type: String, example: '<!doctype html><html lang="fr"><body><p>Bonjour,</p></body></html>' })
  html!: string | null;

  @ApiProperty({ description: 'When the mail was written', format: 'date-time', example: '2026-11-23T09:15:00.000Z' })
  createdAt!: string;

  @ApiProperty({ description: 'When the SMTP server accepted it; null while it is only in the outbox', format: 'date-time', nullable: true, type: String, example: '2026-11-23T09:15:02.000Z' })
  sentAt!: string | null;

  @ApiProperty({ description: 'Delivery attempts made over SMTP', example: 1 })
  attempts!: number;

  @ApiProperty({ description: 'Last SMTP failure, if any', nullable: true, type: String, example: null })
  error!: string | null;

  static from(mail: MailOutbox): OutboxMailDto {
    return {
      id: mail.id,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      createdAt: mail.createdAt.toISOString(),
      sentAt: mail.sentAt?.toISOString() ?? null,
      attempts: mail.attempts,
      error: mail.error,
    };
  }
}

export class OutboxPageDto {
  @ApiProperty({ description: 'Mails, newest first', type: [OutboxMailDto] })
  items!: OutboxMailDto[];

  @ApiProperty({ description: 'Pass as `cursor` to get the next page; null on the last page', nullable: true, type: String, example: 'MjAyNi0xMS0yM1QwOToxNTowMC4wMDBafDBjMWQyZTNm' })
  nextCursor!: string | null;
}
