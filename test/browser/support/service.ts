import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../../../src/app.module';
import type { AuthContext } from '../../../src/common/auth';
import { DomainError } from '../../../src/common/errors';
import { assignRequestId } from '../../../src/common/http/request-id';
import { ProcessRole } from '../../../src/common/process-role';
import { Quorum, type StepKind } from '../../../src/modules/folders/folder-state-machine';
import type { FolderMetadata } from '../../../src/modules/folders/folder.entity';
import { type ResolvedRoute, RouteResolver } from '../../../src/modules/folders/ports/route-resolver.port';
import { type FolderTypology, TypologyCatalog } from '../../../src/modules/folders/ports/typology-catalog.port';
import { testConfig } from '../../support/test-app';

/** Typologies for the browser tests, bound to the folders module's port until the typologies module lands. */
export class StandInTypologies extends TypologyCatalog {
  private readonly entries = new Map<string, FolderTypology & { tenantId: string; requiredFields: string[] }>();

  add(tenantId: string, circuitId: string, requiredFields: string[]): string {
    const id = randomUUID();
    this.entries.set(id, { id, tenantId, circuitId, requiredAnnexes: [], requiredFields });
    return id;
  }

  async getForFolder(ctx: AuthContext, typologyId: string): Promise<FolderTypology> {
    const entry = this.entries.get(typologyId);
    if (!entry || entry.tenantId !== ctx.tenantId) throw new DomainError('typology-not-found', { status: 404, title: 'Typology not found' }, 'Typologie inconnue.');
    return entry;
  }

  async validateFolderMetadata(ctx: AuthContext, typologyId: string, metadata: FolderMetadata): Promise<void> {
    await this.getForFolder(ctx, typologyId);
    const entry = this.entries.get(typologyId);
    const missing = (entry?.requiredFields ?? []).filter((field) => metadata[field] === undefined);
    if (missing.length > 0) throw new DomainError('typology-metadata-invalid', { status: 422, title: 'Invalid metadata' }, `Champs manquants : ${missing.join(', ')}.`);
  }
}

/** Circuits for the browser tests, bound to the folders module's port until the circuits module lands. */
export class StandInRoutes extends RouteResolver {
  private readonly routes = new Map<string, ResolvedRoute>();

  add(steps: { kind: StepKind; deskIds: string[]; name?: string }[]): string {
    const id = randomUUID();
    this.routes.set(id, {
      circuitVersionId: randomUUID(),
      version: 1,
      steps: steps.map((step, index) => ({ position: index + 1, kind: step.kind, deskIds: step.deskIds, quorum: Quorum.Any, name: step.name })),
    });
    return id;
  }

  async resolveRoute(_ctx: AuthContext, circuitId: string): Promise<ResolvedRoute> {
    const route = this.routes.get(circuitId);
    if (!route) throw new Error(`no stand-in circuit ${circuitId}`);
    return route;
  }
}

export interface Service {
  app: NestExpressApplication;
  baseURL: string;
  typologies: StandInTypologies;
  routes: StandInRoutes;
}

/**
 * The whole application on the per-run PostgreSQL and Redis, job handlers in this process, listening on
 * a free loopback port; only typologies and circuits are stand-ins.
 */
export async function startService(env: Record<string, string> = {}): Promise<Service> {
  const typologies = new StandInTypologies();
  const routes = new StandInRoutes();
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot({ config: testConfig(env), runtime: { role: ProcessRole.ApiAndWorker, runsJobHandlers: true } })],
  })
    .overrideProvider(TypologyCatalog).useValue(typologies)
    .overrideProvider(RouteResolver).useValue(routes)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.use(assignRequestId);
  await app.init();
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app, baseURL: `http://127.0.0.1:${port}`, typologies, routes };
}
