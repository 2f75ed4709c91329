import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../../../common/auth';
import type { FolderMetadata } from '../folder.entity';
import { FolderWorkflowService } from '../folder-workflow.service';
import { folderNotFound } from '../folders.errors';
import { FoldersRepository } from '../folders.repository';
import { type ResolvedRoute, RouteResolver } from '../ports/route-resolver.port';
import { TypologyCatalog } from '../ports/typology-catalog.port';

/**
 * draft → in_progress: resolves the route from the typology's circuit at start time (conditions on
 * the metadata), keeps the circuit version, materializes the steps (excluded ones as skipped).
 * The route is resolved before the transaction (other modules read with their own connections;
 * the typology and metadata of a draft do not change), then applied with the folder row locked.
 */
@Injectable()
export class StartFolderService {
  constructor(
    private readonly folders: FoldersRepository,
    private readonly workflow: FolderWorkflowService,
    private readonly typologies: TypologyCatalog,
    private readonly routes: RouteResolver,
  ) {}

  async start(ctx: AuthContext, folderId: string): Promise<void> {
    const folder = await this.folders.findFolder(this.folders.manager, ctx.tenantId, folderId);
    if (!folder) throw folderNotFound(folderId);
    const route = await this.resolve(ctx, folder.typologyId, folder.metadata);
    await this.folders.transaction((manager) => this.startInTransaction(manager, ctx, folderId, route));
  }

  /** The route a folder of this typology with this metadata takes now. */
  async resolve(ctx: AuthContext, typologyId: string, metadata: FolderMetadata): Promise<ResolvedRoute> {
    const typology = await this.typologies.getForFolder(ctx, typologyId);
    return this.routes.resolveRoute(ctx, typology.circuitId, metadata);
  }

  async startInTransaction(manager: EntityManager, ctx: AuthContext, folderId: string, route: ResolvedRoute): Promise<void> {
    const loaded = await this.workflow.lock(manager, ctx.tenantId, folderId);
    await this.workflow.apply(manager, ctx, loaded, {
      type: 'start',
      route: route.steps.map((step) => ({ position: step.position, kind: step.kind, deskIds: step.deskIds, quorum: step.quorum, included: step.included ?? true })),
    }, {
      circuitVersionId: route.circuitVersionId,
      stepNames: new Map(route.steps.map((step) => [step.position, step.name])),
    });
  }
}
