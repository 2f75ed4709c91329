import { execFileSync } from 'node:child_process';
import { createHash, randomUUID, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ActorKind, ApiScope, type AuthContext } from '../../src/common/auth';
import { AuditService } from '../../src/modules/audit/audit.service';
import { getTestPki } from '../helpers/test-pki';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { createDesk, createPerson } from '../support/people';
import { expectProblem } from '../support/problem';
import { createTestApp } from '../support/test-app';

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'evidence-int-'));
  try {
    writeFileSync(join(dir, 'b.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', join(dir, 'b.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}


describe('Evidence of a folder (real PostgreSQL)', () => {
  let app: NestExpressApplication;
  let dataSource: DataSource;
  let tenant: TenantWithKey;
  let folderId: string;
  let certificateSerial: string;
  const v1 = createHash('sha256').update('version 1').digest('hex');
  const v2 = createHash('sha256').update('version 2').digest('hex');

  async function insert(sql: string, params: unknown[]): Promise<string> {
    const rows: Array<{ id: string }> = await dataSource.query(`${sql} RETURNING id`, params);
    return rows[0].id;
  }

  /** A folder through visa (DGS) then signature by the 1st deputy in the mayor's absence, as the folders module stores it. */
  async function seedFolder(): Promise<string> {
    const t = tenant.tenant.id;
    const clerk = await createPerson(app, t, { displayName: 'Julie Secrétaire' });
    const dgs = await createDesk(app, t, 'DGS');
    const maire = await createDesk(app, t, 'Maire');
    const adjoint = await createDesk(app, t, '1er adjoint');
    const pki = await getTestPki();
    certificateSerial = new X509Certificate(pki.rsaSigner1.certificatePem).serialNumber;
    const keyId = await insert(
      `INSERT INTO signing_keys (tenant_id, source, certificate_pem, chain_pem, private_key_enc, subject, not_after) VALUES ($1, 'software', $2, '', 'x', 'CN=Paul Adjoint', now() + interval '1 year')`,
      [t, pki.rsaSigner1.certificatePem],
    );
    const circuit = await insert(`INSERT INTO circuits (tenant_id, name, current_version) VALUES ($1, 'Circuit marchés', 2)`, [t]);
    const circuitVersion = await insert(`INSERT INTO circuit_versions (tenant_id, circuit_id, version, steps) VALUES ($1, $2, 2, '[]')`, [t, circuit]);
    const typology = await insert(
      `INSERT INTO typologies (tenant_id, type, subtype, circuit_id, level, stamp, metadata_schema, required_annexes) VALUES ($1, 'Marchés publics', 'Notification', $2, 'B-B', '{}', '{}', '[]')`,
      [t, circuit],
    );
    const folder = await insert(
      `INSERT INTO folders (tenant_id, typology_id, circuit_version_id, title, external_id, status, metadata, created_by_user_id, finished_at) VALUES ($1, $2, $3, 'Marché de voirie', 'DEL-2026-042', 'completed', '{"montant": 12000}', $4, now())`,
      [t, typology, circuitVersion, clerk.id],
    );
    const visa = await insert(`INSERT INTO folder_steps (tenant_id, folder_id, position, kind, desk_ids, quorum, status) VALUES ($1, $2, 1, 'visa', $3::uuid[], 'any', 'done')`, [t, folder, [dgs]]);
    const sign = await insert(`INSERT INTO folder_steps (tenant_id, folder_id, position, kind, desk_ids, quorum, status) VALUES ($1, $2, 2, 'signature', $3::uuid[], 'any', 'done')`, [t, folder, [maire]]);
    await insert(`INSERT INTO step_approvals (tenant_id, folder_step_id, desk_id, actor_name, action, at) VALUES ($1, $2, $3, 'Anne Martin', 'visa', '2026-11-21T09:00:00Z')`, [t, visa, dgs]);
    const delegation = await insert(
      `INSERT INTO delegations (tenant_id, from_desk_id, to_desk_id, starts_at, ends_at) VALUES ($1, $2, $3, '2026-11-20T00:00:00Z', '2026-11-30T00:00:00Z')`,
      [t, maire, adjoint],
    );
    await insert(
      `INSERT INTO step_approvals (tenant_id, folder_step_id, desk_id, actor_name, on_behalf_of_desk_id, delegation_id, action, at) VALUES ($1, $2, $3, 'Paul Adjoint', $3, $4, 'signature', '2026-11-23T13:05:00Z')`,
      [t, sign, maire, delegation],
    );
    const document = await insert(`INSERT INTO documents (tenant_id, folder_id, role, file_name, content_type, position) VALUES ($1, $2, 'main', 'marché.pdf', 'application/pdf', 1)`, [t, folder]);
    for (const [version, sha, signature] of [[1, v1, null], [2, v2, { signerName: 'Paul Adjoint', deskId: adjoint, onBehalfOfDeskId: maire, level: 'B-B', signingKeyId: keyId, seal: false }]] as const) {
      const blob = await insert(`INSERT INTO blobs (tenant_id, sha256, size, content_type, data) VALUES ($1, $2, 9, 'application/pdf', '\\x00')`, [t, sha]);
      await insert(`INSERT INTO document_versions (tenant_id, document_id, version, blob_id, sha256, size, signature) VALUES ($1, $2, $3, $4, $5, 9, $6)`, [t, document, version, blob, sha, signature && JSON.stringify(signature)]);
    }
    await insert(`INSERT INTO comments (tenant_id, folder_id, author_name, body, visibility) VALUES ($1, $2, 'Anne Martin', 'Vu, bon pour signature.', 'public')`, [t, folder]);
    await insert(`INSERT INTO comments (tenant_id, folder_id, author_name, body, visibility) VALUES ($1, $2, 'Anne Martin', 'Note interne confidentielle', 'private')`, [t, folder]);
    const ctx: AuthContext = { tenantId: t, actorKind: ActorKind.User, userId: clerk.id, apiClientId: null, scopes: [], displayName: 'Julie Secrétaire' };
    await app.get(AuditService).append(dataSource.manager, ctx, { action: 'folder.created', folderId: folder, payload: { title: 'Marché de voirie' } });
    return folder;
  }

  beforeAll(async () => {
    app = await createTestApp();
    dataSource = app.get(DataSource);
    tenant = await createTenantWithKey(app);
    folderId = await seedFolder();
  });
  afterAll(() => app?.close());

  it('answers the JSON evidence: steps with delegation, hashes, signature and certificate, public comments, audit events', async () => {
    const response = await request(app.getHttpServer()).get(`/api/v1/folders/${folderId}/evidence`).set(tenant.bearer).expect(200);
    const body = response.body;
    expect(body.folder).toMatchObject({ id: folderId, title: 'Marché de voirie', externalId: 'DEL-2026-042', status: 'completed', createdBy: 'Julie Secrétaire', metadata: { montant: 12000 },
      typology: 'Marchés publics / Notification', circuit: 'Circuit marchés (version 2)' });
    expect(body.steps.map((s: { deskNames: string[] }) => s.deskNames)).toEqual([['DGS'], ['Maire']]);
    expect(body.steps[1].actions).toEqual([
      { action: 'signature', actorName: 'Paul Adjoint', deskName: '1er adjoint', onBehalfOfDeskName: 'Maire', at: '2026-11-23T13:05:00.000Z', reason: null },
    ]);
    expect(body.documents[0].versions.map((v: { sha256: string }) => v.sha256)).toEqual([v1, v2]);
    expect(body.documents[0].versions[1].signature).toMatchObject({
      signerName: 'Paul Adjoint', deskName: '1er adjoint', onBehalfOfDeskName: 'Maire', level: 'B-B', certificateSerial,
      certificateSubject: expect.stringContaining('CN='),
    });
    expect(body.comments).toEqual([{ authorName: 'Anne Martin', body: 'Vu, bon pour signature.', at: expect.any(String) }]);
    expect(body.auditEvents).toEqual([expect.objectContaining({ seq: 1, action: 'folder.created', actorName: 'Julie Secrétaire', hash: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
  });

  it('answers the PDF bordereau in French with every step, hash and signature', async () => {
    const response = await request(app.getHttpServer()).get(`/api/v1/folders/${folderId}/evidence.pdf`).set(tenant.bearer).buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="bordereau-de-preuve-${folderId}.pdf"`);
    const text = pdfText(response.body as Buffer);
    expect(text).toContain('Bordereau de preuve');
    expect(text).toContain('Dossier : Marché de voirie');
    expect(text).toContain('Typologie : Marchés publics / Notification');
    expect(text).toContain('Circuit : Circuit marchés (version 2)');
    expect(text).toContain('Étape 1 — Visa — « DGS » — validée');
    expect(text).toContain('Étape 2 — Signature — « Maire » — validée');
    expect(text).toContain('Signature par Paul Adjoint (bureau « 1er adjoint », en l’absence de « Maire ») le 23/11/2026 14:05 (heure de Paris)');
    expect(text).toContain(`SHA-256 : ${v1}`);
    expect(text).toContain(`SHA-256 : ${v2}`);
    expect(text).toContain(`Numéro de série du certificat : ${certificateSerial}`);
    expect(text).toContain('Vu, bon pour signature.');
    expect(text).not.toContain('Note interne');
  });

  it('answers 404 for a foreign or unknown folder, 400 for a malformed id, 403 without folders:read', async () => {
    const server = request(app.getHttpServer());
    const foreign = await createTenantWithKey(app);
    for (const path of ['evidence', 'evidence.pdf']) {
      expectProblem(await server.get(`/api/v1/folders/${folderId}/${path}`).set(foreign.bearer), 404, 'evidence-folder-not-found');
      expectProblem(await server.get(`/api/v1/folders/${randomUUID()}/${path}`).set(tenant.bearer), 404, 'evidence-folder-not-found');
      expectProblem(await server.get(`/api/v1/folders/not-a-uuid/${path}`).set(tenant.bearer), 400, 'validation-failed');
    }
    const adminOnly = await createTenantWithKey(app, [ApiScope.Admin]);
    expectProblem(await server.get(`/api/v1/folders/${folderId}/evidence`).set(adminOnly.bearer), 403, 'scope-missing');
  });
});
