import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { ActorKind, type AuthContext } from '../../src/common/auth';
import { AuditErrorCode } from '../../src/modules/audit/audit.errors';
import { AuditService } from '../../src/modules/audit/audit.service';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { NodeProcess } from '../support/node-process';
import { createTestApp } from '../support/test-app';

function personOf(tenantId: string): AuthContext {
  return { tenantId, actorKind: ActorKind.User, userId: randomUUID(), apiClientId: null, scopes: [], displayName: 'Anne Martin' };
}

async function cli(...args: string[]): Promise<{ code: number | null; out: string }> {
  const child = NodeProcess.start('src/cli.ts', args, { ...process.env, LOG_LEVEL: 'warn' });
  const code = await new Promise<number | null>((resolve) => child.child.once('exit', (exitCode) => resolve(exitCode)));
  return { code, out: child.text };
}

describe('Audit trail (real PostgreSQL)', () => {
  let app: NestExpressApplication;
  let audit: AuditService;
  let dataSource: DataSource;
  let first: TenantWithKey;
  let second: TenantWithKey;

  async function appendIn(ctx: AuthContext, index: number, folderId: string | null = null): Promise<void> {
    await dataSource.transaction((manager) =>
      audit.append(manager, ctx, { action: 'folder.step.visa', folderId, payload: { index, comment: `Vu n° ${index}`, montant: 1200.5 }, actor: { deskId: randomUUID() } }),
    );
  }

  async function seqsOf(tenantId: string): Promise<number[]> {
    const rows: Array<{ seq: string }> = await dataSource.query('SELECT seq FROM audit_events WHERE tenant_id = $1 ORDER BY seq', [tenantId]);
    return rows.map((row) => Number(row.seq));
  }

  async function asMaintenance(sql: string, params: unknown[]): Promise<void> {
    await dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL parapheur.audit_maintenance = 'on'`);
      await manager.query(sql, params);
    });
  }

  beforeAll(async () => {
    app = await createTestApp();
    audit = app.get(AuditService);
    dataSource = app.get(DataSource);
    first = await createTenantWithKey(app);
    second = await createTenantWithKey(app);
  });
  afterAll(() => app?.close());

  it('numbers 50 concurrent appends of one tenant 1…50 and chains them', async () => {
    const ctx = personOf(first.tenant.id);
    await Promise.all(Array.from({ length: 50 }, (_, i) => appendIn(ctx, i)));
    expect(await seqsOf(first.tenant.id)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await audit.verifyChain(first.tenant.id)).toEqual({ ok: true, count: 50 });
  });

  it('keeps one gapless chain per tenant when two tenants append interleaved', async () => {
    const a = personOf(first.tenant.id);
    const b = personOf(second.tenant.id);
    await Promise.all(Array.from({ length: 60 }, (_, i) => appendIn(i % 2 === 0 ? a : b, i)));
    expect(await seqsOf(first.tenant.id)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    expect(await seqsOf(second.tenant.id)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(await audit.verifyChain(first.tenant.id)).toEqual({ ok: true, count: 80 });
    expect(await audit.verifyChain(second.tenant.id)).toEqual({ ok: true, count: 30 });
  });

  it('rolls the event back with the caller’s transaction, and opens one when given none', async () => {
    const ctx = personOf(second.tenant.id);
    await expect(
      dataSource.transaction(async (manager) => {
        await audit.append(manager, ctx, { action: 'folder.created', payload: {} });
        throw new Error('the folder insert failed');
      }),
    ).rejects.toThrow('the folder insert failed');
    await audit.append(dataSource.manager, { tenantId: second.tenant.id, kind: 'worker', id: 'signing-worker' }, { action: 'document.signed', payload: { version: 2 } });
    expect(await seqsOf(second.tenant.id)).toHaveLength(31);
    expect(await audit.verifyChain(second.tenant.id)).toEqual({ ok: true, count: 31 });
  });

  it('refuses a payload jsonb cannot store with a 422 domain error, writing nothing', async () => {
    const ctx = personOf(second.tenant.id);
    await expect(audit.append(dataSource.manager, ctx, { action: 'folder.commented', payload: { body: 'a\u0000b' } })).rejects.toMatchObject({
      code: AuditErrorCode.EventInvalid,
      status: 422,
    });
    expect(await seqsOf(second.tenant.id)).toHaveLength(31);
  });

  it('lists a folder’s events for its tenant only, oldest first, with the delegation details', async () => {
    const folderId = randomUUID();
    const ctx = personOf(first.tenant.id);
    await audit.append(dataSource.manager, ctx, { action: 'folder.created', folderId, payload: { title: 'Marché de voirie' } });
    await audit.append(dataSource.manager, ctx, {
      action: 'folder.step.signature',
      folderId,
      payload: { stepPosition: 2 },
      actor: { deskId: 'd-adjoint', onBehalfOfDeskId: 'd-maire', onBehalfOfName: 'Maire' },
    });
    const history = await audit.listForFolder(ctx, folderId);
    expect(history.map((e) => e.action)).toEqual(['folder.created', 'folder.step.signature']);
    expect(history[1]).toMatchObject({ folderId, actor: { kind: 'user', name: 'Anne Martin', onBehalfOfName: 'Maire' }, payload: { stepPosition: 2 } });
    expect(history[1].seq).toBe(history[0].seq + 1);
    expect(await audit.listForFolder(personOf(second.tenant.id), folderId)).toEqual([]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit events outside maintenance', async () => {
    await expect(dataSource.query(`UPDATE audit_events SET payload = '{}' WHERE tenant_id = $1`, [first.tenant.id])).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(dataSource.query(`DELETE FROM audit_events WHERE tenant_id = $1`, [first.tenant.id])).rejects.toThrow(/append-only: DELETE refused/);
    await expect(dataSource.query('TRUNCATE audit_events')).rejects.toThrow(/append-only: TRUNCATE refused/);
    expect(await audit.verifyChain(first.tenant.id)).toEqual({ ok: true, count: 82 });
  });

  it('names the tampered row, in the service and through `audit:verify`, which exits 1', async () => {
    const [target]: Array<{ id: string }> = await dataSource.query('SELECT id FROM audit_events WHERE tenant_id = $1 AND seq = 17', [first.tenant.id]);
    // An attacker with database access: the maintenance setting lets the UPDATE through the trigger.
    await asMaintenance(`UPDATE audit_events SET payload = jsonb_set(payload, '{comment}', '"Refusé"') WHERE id = $1`, [target.id]);

    const result = await audit.verifyChain(first.tenant.id);
    expect(result).toMatchObject({ ok: false, reason: 'hash-mismatch', count: 16, brokenAt: { id: String(target.id), seq: 17, action: 'folder.step.visa' } });

    const broken = await cli('audit:verify', '--tenant', first.tenant.siren);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`BROKEN at event id ${target.id}, seq 17, action folder.step.visa`);
    expect(broken.out).toContain('the row was changed');

    const intact = await cli('audit:verify', '--tenant', second.tenant.id);
    expect(intact).toMatchObject({ code: 0, out: expect.stringContaining('OK, 31 events verified') });
  });

  it('notices deleted events, in the middle and at the end of the chain', async () => {
    const third = await createTenantWithKey(app);
    const ctx = personOf(third.tenant.id);
    for (let i = 0; i < 6; i += 1) await appendIn(ctx, i);
    await asMaintenance('DELETE FROM audit_events WHERE tenant_id = $1 AND seq >= 5', [third.tenant.id]);
    expect(await audit.verifyChain(third.tenant.id)).toMatchObject({ ok: false, reason: 'head-mismatch', brokenAt: { seq: 4 } });
    await asMaintenance('DELETE FROM audit_events WHERE tenant_id = $1 AND seq = 2', [third.tenant.id]);
    expect(await audit.verifyChain(third.tenant.id)).toMatchObject({ ok: false, reason: 'sequence-gap', brokenAt: { seq: 3 } });
  });

  it('answers an unknown tenant in French with exit 1', async () => {
    const missing = await cli('audit:verify', '--tenant', randomUUID());
    expect(missing).toMatchObject({ code: 1, out: expect.stringContaining('Aucune collectivité') });
    expect((await cli('audit:verify')).code).toBe(2);
  });
});
