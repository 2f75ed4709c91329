import { Injectable } from '@nestjs/common';
import { ActorKind, type AuthContext } from '../../../common/auth';
import type { Folder } from '../folder.entity';
import { FolderWorkflowService } from '../folder-workflow.service';
import { FoldersRepository } from '../folders.repository';

/** Whether the caller created the folder (the same person, or the same API key). */
export function isCreator(ctx: AuthContext, folder: Folder): boolean {
  return ctx.actorKind === ActorKind.User
    ? ctx.userId !== null && ctx.userId === folder.createdByUserId
    : ctx.apiClientId !== null && ctx.apiClientId === folder.createdByApiKeyId;
}

/** Droit de remords: the creator (person or API key) takes back a draft or in-progress folder. */
@Injectable()
export class WithdrawFolderService {
  constructor(
    private readonly folders: FoldersRepository,
    private readonly workflow: FolderWorkflowService,
  ) {}

  async withdraw(ctx: AuthContext, folderId: string): Promise<void> {
    await this.folders.transaction(async (manager) => {
      const loaded = await this.workflow.lock(manager, ctx.tenantId, folderId);
      await this.workflow.apply(manager, ctx, loaded, { type: 'withdraw', byCreator: isCreator(ctx, loaded.folder) });
    });
  }
}
