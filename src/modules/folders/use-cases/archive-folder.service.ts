import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../../common/auth';
import { FolderWorkflowService } from '../folder-workflow.service';
import { FoldersRepository } from '../folders.repository';

/** completed or rejected → archived: the folder leaves the working lists and becomes read-only. */
@Injectable()
export class ArchiveFolderService {
  constructor(
    private readonly folders: FoldersRepository,
    private readonly workflow: FolderWorkflowService,
  ) {}

  async archive(ctx: AuthContext, folderId: string): Promise<void> {
    await this.folders.transaction(async (manager) => {
      const loaded = await this.workflow.lock(manager, ctx.tenantId, folderId);
      await this.workflow.apply(manager, ctx, loaded, { type: 'archive' });
    });
  }
}
