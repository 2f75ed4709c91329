import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Quorum, StepKind } from '../../src/modules/folders/folder-state-machine';
import { createTestApp } from '../support/test-app';

export interface TestStep {
  kind?: StepKind;
  deskIds: string[];
  quorum?: Quorum;
  /** false: the step carries a condition this test's folders never meet (recorded as skipped). */
  included?: boolean;
  name?: string;
}

export interface FoldersTestApp {
  app: NestExpressApplication;
  dataSource: DataSource;
  /** A circuit with these steps and a typology using it, made through the real API with `bearer` (an admin key). */
  typology(bearer: Record<string, string>, steps: TestStep[], options?: { requiredAnnexes?: string[]; requiredFields?: string[] }): Promise<string>;
}

/** Never present in the tests' metadata: a condition on it excludes its step. */
const NEVER = { all: [{ field: 'jamais', op: 'exists' }] };

/** The real application (PostgreSQL, Redis, every module) with helpers to make circuits and typologies. */
export async function createFoldersTestApp(env: Record<string, string> = {}, options: { runsJobHandlers?: boolean } = {}): Promise<FoldersTestApp> {
  const app = await createTestApp({ env, runsJobHandlers: options.runsJobHandlers });
  const http = () => request(app.getHttpServer());
  return {
    app,
    dataSource: app.get(DataSource),
    async typology(bearer, steps, typologyOptions = {}) {
      const circuit = await http().post('/api/v1/circuits').set(bearer).send({
        name: `Circuit ${randomUUID().slice(0, 8)}`,
        steps: steps.map((step) => ({
          kind: step.kind ?? StepKind.Visa,
          deskIds: step.deskIds,
          quorum: step.quorum ?? Quorum.Any,
          ...(step.name && { name: step.name }),
          ...(step.included === false && { condition: NEVER }),
        })),
      });
      if (circuit.status !== 201) throw new Error(`circuit: ${circuit.status} ${circuit.text}`);
      const required = typologyOptions.requiredFields ?? [];
      const fields = [
        { name: 'jamais', label: 'Jamais renseigné', type: 'string', required: false },
        ...(required.includes('montant') ? [] : [{ name: 'montant', label: 'Montant', type: 'number', required: false }]),
        ...required.map((name) => ({ name, label: name, type: 'number', required: true })),
      ];
      const typology = await http().post('/api/v1/typologies').set(bearer).send({
        type: 'Tests',
        subtype: `Sous-type ${randomUUID().slice(0, 8)}`,
        circuitId: circuit.body.id,
        level: 'B-B',
        metadataSchema: { fields },
        requiredAnnexes: (typologyOptions.requiredAnnexes ?? []).map((name) => ({ name })),
      });
      if (typology.status !== 201) throw new Error(`typology: ${typology.status} ${typology.text}`);
      return typology.body.id as string;
    },
  };
}

/** Rows a failed creation must not leave behind. */
export async function storedRows(dataSource: DataSource, tenantId: string): Promise<Record<string, number>> {
  const [row] = (await dataSource.query(
    `SELECT (SELECT count(*) FROM folders WHERE tenant_id = $1)::int AS folders,
            (SELECT count(*) FROM documents WHERE tenant_id = $1)::int AS documents,
            (SELECT count(*) FROM document_versions WHERE tenant_id = $1)::int AS versions,
            (SELECT count(*) FROM blobs WHERE tenant_id = $1)::int AS blobs`,
    [tenantId],
  )) as Array<Record<string, number>>;
  return row;
}

export interface UploadFile {
  name: string;
  bytes: Buffer;
  contentType?: string;
}

/** POST /api/v1/folders as multipart: the `folder` JSON part, then `documents` and `annexes` files. */
export function postFolder(
  app: NestExpressApplication,
  headers: Record<string, string>,
  folder: unknown,
  files: { documents?: UploadFile[]; annexes?: UploadFile[] } = {},
): request.Test {
  let call = request(app.getHttpServer()).post('/api/v1/folders').set(headers);
  if (folder !== undefined) call = call.field('folder', typeof folder === 'string' ? folder : JSON.stringify(folder));
  for (const file of files.documents ?? []) call = call.attach('documents', file.bytes, { filename: file.name, contentType: file.contentType ?? 'application/pdf' });
  for (const file of files.annexes ?? []) call = call.attach('annexes', file.bytes, { filename: file.name, contentType: file.contentType ?? 'text/plain' });
  return call;
}
