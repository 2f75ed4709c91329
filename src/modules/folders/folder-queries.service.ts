import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth';
import { DocumentsService, type VersionContent, type VersionStream } from '../documents/documents.service';
import { DeskAccessService } from '../users/desk-access.service';
import type { FolderDto, FolderPageDto } from './dto/folder.dto';
import { FolderView, type ListFoldersQueryDto } from './dto/list-folders.query';
import { type FolderListQuery, FolderListRepository, type ViewerDesk } from './folder-list.repository';
import { toFolderDto, toSummaryDto } from './folder-view';
import { FolderError, FolderErrorCode, folderNotFound } from './folders.errors';
import { FoldersRepository } from './folders.repository';
import { toCommentDto } from './use-cases/comment-folder.service';

const DEFAULT_LIMIT = 20;
const CURSOR_PREFIX = 'f1:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reading folders: one folder in full, lists with filters and per-desk views, document downloads. */
@Injectable()
export class FolderQueriesService {
  constructor(
    private readonly folders: FoldersRepository,
    private readonly lists: FolderListRepository,
    private readonly documents: DocumentsService,
    private readonly access: DeskAccessService,
  ) {}

  async get(ctx: AuthContext, folderId: string): Promise<FolderDto> {
    const manager = this.folders.manager;
    const folder = await this.folders.findFolder(manager, ctx.tenantId, folderId);
    if (!folder) throw folderNotFound(folderId);
    const steps = await this.folders.steps(manager, ctx.tenantId, [folder.id]);
    const [approvals, documents, comments] = await Promise.all([
      this.folders.approvals(manager, ctx.tenantId, steps.map((s) => s.id)),
      this.documents.listForFolders(manager, ctx.tenantId, [folder.id]),
      this.folders.comments(manager, ctx.tenantId, folder.id, { userId: ctx.userId, apiKeyId: ctx.apiClientId }),
    ]);
    return toFolderDto(folder, { steps, approvals, documents: documents.get(folder.id) ?? [], comments: comments.map(toCommentDto) });
  }

  async list(ctx: AuthContext, query: ListFoldersQueryDto): Promise<FolderPageDto> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const afterId = query.cursor === undefined ? undefined : await this.decodeCursor(ctx.tenantId, query.cursor);
    const rows = await this.lists.page({
      tenantId: ctx.tenantId,
      status: query.status,
      typologyId: query.typologyId,
      externalId: query.externalId,
      deskId: query.deskId,
      createdFrom: query.createdFrom ? new Date(query.createdFrom) : undefined,
      createdBefore: query.createdBefore ? new Date(query.createdBefore) : undefined,
      ...(query.view ? await this.viewFilter(ctx, query.view) : {}),
      afterId,
      limit,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const kinds = await this.lists.currentStepKinds(ctx.tenantId, page.map((folder) => folder.id));
    return { items: page.map((folder) => toSummaryDto(folder, kinds.get(folder.id) ?? null)), nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
  }

  /** The bytes of one version of a folder's document (404 for any id that is not the tenant's). */
  async content(ctx: AuthContext, folderId: string, documentId: string, version: number): Promise<VersionContent> {
    const folder = await this.folders.findFolder(this.folders.manager, ctx.tenantId, folderId);
    if (!folder) throw folderNotFound(folderId);
    return this.documents.content(this.folders.manager, ctx.tenantId, folderId, documentId, version);
  }

  /** Like `content`, streamed in chunks from the blob store (downloads never load a whole PDF). */
  async contentStream(ctx: AuthContext, folderId: string, documentId: string, version: number): Promise<VersionStream> {
    const folder = await this.folders.findFolder(this.folders.manager, ctx.tenantId, folderId);
    if (!folder) throw folderNotFound(folderId);
    return this.documents.contentStream(this.folders.manager, ctx.tenantId, folderId, documentId, version);
  }

  private async viewFilter(ctx: AuthContext, view: FolderView): Promise<Partial<FolderListQuery>> {
    const desks = await this.access.actingDesks(ctx, { anyTypology: true });
    const held: ViewerDesk[] = desks.filter((d) => !d.onBehalfOf).map((d) => ({ deskId: d.deskId, typologyIds: null }));
    const delegated: ViewerDesk[] = desks.filter((d) => d.onBehalfOf).map((d) => ({ deskId: d.deskId, typologyIds: d.onBehalfOf?.typologyIds ?? null }));
    switch (view) {
      case FolderView.ToAct:
        return { waitingFor: held };
      case FolderView.Delegated:
        return { waitingFor: delegated };
      case FolderView.Late:
        return { late: { now: new Date(), lateFor: ctx.userId ? [...held, ...delegated] : undefined } };
      case FolderView.Done:
        return ctx.userId ? { actedBy: ctx.userId } : { waitingFor: [] };
    }
  }

  private async decodeCursor(tenantId: string, cursor: string): Promise<string> {
    const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
    const id = decoded.startsWith(CURSOR_PREFIX) ? decoded.slice(CURSOR_PREFIX.length) : '';
    if (!UUID.test(id) || !(await this.lists.exists(tenantId, id))) {
      throw new FolderError(FolderErrorCode.CursorInvalid, 'Curseur de pagination invalide ou expiré : reprenez la liste depuis la première page.', {
        fieldErrors: [{ field: 'cursor', message: 'cursor is not a nextCursor of this list' }],
      });
    }
    return id;
  }
}

function encodeCursor(id: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${id}`, 'utf8').toString('base64url');
}
