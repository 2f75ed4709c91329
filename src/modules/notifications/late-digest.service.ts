import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config';
import { DeskAccessService } from '../users/desk-access.service';
import { MailService } from './mail.service';
import { type DigestDesk, lateDigestMail } from './mail-templates';
import { type LateFolderRow, NotificationDirectoryRepository } from './notification-directory.repository';

/** The daily digest: each person gets one mail listing the late folders waiting on their desks (held or delegated). */
@Injectable()
export class LateDigestService {
  constructor(
    private readonly directory: NotificationDirectoryRepository,
    private readonly deskAccess: DeskAccessService,
    private readonly mail: MailService,
    private readonly config: AppConfig,
  ) {}

  /** Returns the number of mails queued. */
  async sendAll(now: Date = new Date()): Promise<number> {
    let sent = 0;
    for (const tenantId of await this.directory.tenantsWithLateFolders(now)) sent += await this.sendForTenant(tenantId, now);
    return sent;
  }

  async sendForTenant(tenantId: string, now: Date = new Date()): Promise<number> {
    const byDesk = groupByDesk(await this.directory.lateFoldersByDesk(tenantId, now));
    const byPerson = new Map<string, DigestDesk[]>();
    for (const desk of byDesk) {
      const people = await this.deskAccess.holdersAndDelegatesOf(tenantId, [desk.deskId], now);
      for (const email of new Set(people.map((person) => person.email))) {
        byPerson.set(email, [...(byPerson.get(email) ?? []), desk]);
      }
    }
    for (const [email, desks] of byPerson) await this.mail.send(tenantId, { to: email, ...lateDigestMail(desks, this.config.publicUrl) });
    return byPerson.size;
  }
}

function groupByDesk(rows: readonly LateFolderRow[]): Array<DigestDesk & { deskId: string }> {
  const desks = new Map<string, DigestDesk & { deskId: string; folders: LateFolderRow[] }>();
  for (const row of rows) {
    const desk = desks.get(row.deskId) ?? { deskId: row.deskId, deskName: row.deskName, folders: [] };
    desk.folders.push(row);
    desks.set(row.deskId, desk);
  }
  return [...desks.values()];
}
