import { Injectable } from '@nestjs/common';
import { ActorKind, type AuthContext } from '../../../common/auth';
import { CommonError, CommonErrorCode } from '../../../common/errors';
import type { CreateCommentDto } from '../dto/folder-actions.dto';
import type { CommentDto } from '../dto/folder.dto';
import type { FolderComment } from '../folder-comment.entity';
import { FolderWorkflowService } from '../folder-workflow.service';
import { FoldersRepository } from '../folders.repository';

export function toCommentDto(comment: FolderComment): CommentDto {
  return { id: comment.id, authorName: comment.authorName, body: comment.body, visibility: comment.visibility, createdAt: comment.createdAt.toISOString() };
}

/** Comments by people or API keys, on any folder that is not archived; audited, state unchanged. */
@Injectable()
export class CommentFolderService {
  constructor(
    private readonly folders: FoldersRepository,
    private readonly workflow: FolderWorkflowService,
  ) {}

  comment(ctx: AuthContext, folderId: string, input: CreateCommentDto): Promise<CommentDto> {
    if (input.body.trim() === '') {
      throw new CommonError(CommonErrorCode.ValidationFailed, 'Le commentaire est vide : écrivez un texte dans « body ».', { fieldErrors: [{ field: 'body', message: 'body must not be blank' }] });
    }
    return this.folders.transaction(async (manager) => {
      const loaded = await this.workflow.lock(manager, ctx.tenantId, folderId);
      const isPerson = ctx.actorKind === ActorKind.User;
      const comment = await this.folders.insertComment(manager, {
        tenantId: ctx.tenantId,
        folderId,
        authorUserId: isPerson ? ctx.userId : null,
        authorApiKeyId: isPerson ? null : ctx.apiClientId,
        authorName: (isPerson ? ctx.displayName : undefined) ?? (isPerson ? 'Utilisateur' : 'Application (clé d’API)'),
        body: input.body.trim(),
        visibility: input.visibility,
      });
      await this.workflow.apply(manager, ctx, loaded, { type: 'comment' });
      return toCommentDto(comment);
    });
  }
}
