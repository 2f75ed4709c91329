import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../config';
import { MailService } from './mail.service';
import { folderFinishedMail, type FolderOutcomeName, type RenderedMail, reminderMail, stepActivatedMail, type StepKindName } from './mail-templates';
import { type FolderForNotice, NotificationDirectoryRepository } from './notification-directory.repository';

/**
 * Folder notifications, called by the folders module inside its transaction: the mails are written to
 * the outbox with the change and sent after commit. Each person gets their own mail (no shared To list).
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly mail: MailService,
    private readonly directory: NotificationDirectoryRepository,
    private readonly config: AppConfig,
  ) {}

  /** To the holders of these desks and to whoever they are delegated to now. Returns the number of mails queued. */
  async notifyStepActivated(manager: EntityManager, tenantId: string, folderId: string, deskIds: readonly string[]): Promise<number> {
    return this.mailDeskPeople(manager, tenantId, folderId, deskIds, (folder, step) => stepActivatedMail(folder, step, this.config.publicUrl));
  }

  /** « Relance » to the holders of the active step's desks and their delegates now. Returns the number of mails queued. */
  async notifyReminder(manager: EntityManager, tenantId: string, folderId: string, deskIds: readonly string[], byName: string): Promise<number> {
    return this.mailDeskPeople(manager, tenantId, folderId, deskIds, (folder, step) => reminderMail(folder, step, byName, this.config.publicUrl));
  }

  /** One mail to each holder of `deskIds` and each person they are delegated to now. */
  private async mailDeskPeople(
    manager: EntityManager, tenantId: string, folderId: string, deskIds: readonly string[],
    render: (folder: FolderForNotice, step: { kind: StepKindName; deskNames: string[] }) => RenderedMail,
  ): Promise<number> {
    const folder = await this.directory.folder(manager, tenantId, folderId);
    if (!folder || deskIds.length === 0) return 0;
    // One after the other: they share the caller's connection.
    const kind = await this.directory.activeStepKind(manager, tenantId, folderId);
    const deskNames = await this.directory.deskNames(manager, tenantId, deskIds);
    const people = await this.directory.deskRecipients(manager, tenantId, deskIds, new Date(), folder.typologyId);
    const rendered = render(folder, { kind: kind ?? 'visa', deskNames });
    const emails = [...new Set(people.map((person) => person.email))];
    for (const email of emails) await this.mail.send(tenantId, { to: email, ...rendered }, manager);
    return emails.length;
  }

  /** To the person who created the folder (API clients learn it from webhooks). Returns the number of mails queued. */
  async notifyFolderFinished(manager: EntityManager, tenantId: string, folderId: string, outcome: FolderOutcomeName, reason?: string): Promise<number> {
    const folder = await this.directory.folder(manager, tenantId, folderId);
    if (!folder?.creatorUserId) return 0;
    const creator = await this.directory.activeUser(manager, tenantId, folder.creatorUserId);
    if (!creator) return 0;
    await this.mail.send(tenantId, { to: creator.email, ...folderFinishedMail(folder, outcome, reason, this.config.publicUrl) }, manager);
    return 1;
  }
}
