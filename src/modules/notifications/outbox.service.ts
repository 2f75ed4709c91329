import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth';
import { OutboxMailDto, type OutboxPageDto } from './dto/outbox-mail.dto';
import type { OutboxQueryDto } from './dto/outbox-query.dto';
import { MailOutboxRepository } from './mail-outbox.repository';
import { NotificationError, NotificationErrorCode } from './notifications.errors';

const DEFAULT_LIMIT = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The tenant's outbox for admins: every mail written, sent or not (embedded mode keeps them all here). */
@Injectable()
export class OutboxService {
  constructor(private readonly outbox: MailOutboxRepository) {}

  async list(ctx: AuthContext, query: OutboxQueryDto): Promise<OutboxPageDto> {
    const page = await this.outbox.list(ctx.tenantId, query.limit ?? DEFAULT_LIMIT, query.cursor ? decodeCursor(query.cursor) : undefined);
    return { items: page.items.map(OutboxMailDto.from), nextCursor: page.next ? encodeCursor(page.next) : null };
  }
}

function encodeCursor(at: { createdAt: Date; id: string }): string {
  return Buffer.from(`${at.createdAt.toISOString()}|${at.id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso ?? '');
  if (!id || !UUID.test(id) || Number.isNaN(createdAt.getTime())) {
    throw new NotificationError(NotificationErrorCode.CursorInvalid, 'Curseur de pagination invalide : reprenez la liste depuis le début.', {
      fieldErrors: [{ field: 'cursor', message: 'cursor is not a nextCursor of this list' }],
    });
  }
  return { createdAt, id };
}
