import { createHash } from 'node:crypto';
import { type AuditContent, ChainVerifier, type ChainedRow, chainHash, GENESIS_HASH } from './audit-chain';

const TENANT = '6f1c3c1e-1f0b-4c6e-9a57-1f6a7d0e2b11';

function content(seq: number, overrides: Partial<AuditContent> = {}): AuditContent {
  return {
    tenantId: TENANT,
    seq,
    at: new Date(Date.UTC(2026, 10, 23, 9, 0, seq)),
    actor: { kind: 'user', id: 'u1', name: 'Anne Martin', deskId: 'd1', onBehalfOfDeskId: 'd2', onBehalfOfName: 'Maire' },
    action: 'folder.step.visa',
    folderId: 'f1',
    payload: { step: seq, comment: 'Vu' },
    ...overrides,
  };
}

function chain(length: number): ChainedRow[] {
  const rows: ChainedRow[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq += 1) {
    const row = content(seq);
    const hash = chainHash(prevHash, row);
    rows.push({ ...row, id: String(100 + seq), prevHash, hash });
    prevHash = hash;
  }
  return rows;
}

function verify(rows: ChainedRow[]): ChainVerifier & { broken?: ReturnType<ChainVerifier['check']> } {
  const verifier = new ChainVerifier();
  for (const row of rows) {
    const broken = verifier.check(row);
    if (broken) return Object.assign(verifier, { broken });
  }
  return verifier;
}

describe('chainHash', () => {
  it('is sha256 of the previous hash followed by the canonical JSON of the content', () => {
    const row = content(1, { actor: { kind: 'system', id: 'system' }, folderId: null, payload: { b: 2, a: 1 } });
    const expected = createHash('sha256')
      .update(GENESIS_HASH + `{"action":"folder.step.visa","actor":{"id":"system","kind":"system"},"at":"2026-11-23T09:00:01.000Z","folderId":null,"payload":{"a":1,"b":2},"seq":1,"tenantId":"${TENANT}"}`)
      .digest('hex');
    expect(chainHash(GENESIS_HASH, row)).toBe(expected);
  });

  it('changes with any field of the content and with the previous hash', () => {
    const base = chainHash(GENESIS_HASH, content(1));
    expect(chainHash('1'.repeat(64), content(1))).not.toBe(base);
    expect(chainHash(GENESIS_HASH, content(1, { payload: { step: 1, comment: 'Vu.' } }))).not.toBe(base);
    expect(chainHash(GENESIS_HASH, content(1, { actor: { kind: 'user', id: 'u1' } }))).not.toBe(base);
    expect(chainHash(GENESIS_HASH, content(1, { at: new Date(Date.UTC(2026, 10, 23, 9, 0, 1, 1)) }))).not.toBe(base);
    expect(chainHash(GENESIS_HASH, content(1, { folderId: null }))).not.toBe(base);
    expect(chainHash(GENESIS_HASH, content(1, { tenantId: 'other' }))).not.toBe(base);
  });

  it('ignores the key order of actor and payload', () => {
    const row = content(1);
    const reordered = { ...row, actor: { onBehalfOfName: 'Maire', kind: 'user' as const, id: 'u1', onBehalfOfDeskId: 'd2', deskId: 'd1', name: 'Anne Martin' }, payload: { comment: 'Vu', step: 1 } };
    expect(chainHash(GENESIS_HASH, reordered)).toBe(chainHash(GENESIS_HASH, row));
  });
});

describe('ChainVerifier', () => {
  it('accepts an intact chain and its head', () => {
    const rows = chain(5);
    const verifier = verify(rows);
    expect(verifier.broken).toBeUndefined();
    expect(verifier.count).toBe(5);
    expect(verifier.checkHead({ seq: 5, hash: rows[4].hash })).toBeUndefined();
  });

  it('accepts an empty chain with no head', () => {
    expect(new ChainVerifier().checkHead(undefined)).toBeUndefined();
  });

  it('names the row whose content was changed', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], payload: { step: 3, comment: 'Refusé' } };
    expect(verify(rows).broken).toMatchObject({ id: '103', seq: 3, reason: 'hash-mismatch' });
  });

  it('names the row after one whose hash was rewritten to match its new content', () => {
    const rows = chain(5);
    const forged = { ...rows[2], payload: { step: 3, comment: 'Refusé' } };
    rows[2] = { ...forged, hash: chainHash(forged.prevHash, forged) };
    expect(verify(rows).broken).toMatchObject({ id: '104', seq: 4, reason: 'prev-hash-mismatch' });
  });

  it('names the row after a deleted one', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(verify(rows).broken).toMatchObject({ id: '103', seq: 3, reason: 'sequence-gap' });
  });

  it('reports deleted tail rows through the head', () => {
    const rows = chain(5);
    const verifier = verify(rows.slice(0, 3));
    expect(verifier.broken).toBeUndefined();
    expect(verifier.checkHead({ seq: 5, hash: rows[4].hash })).toMatchObject({ id: '103', seq: 3, reason: 'head-mismatch' });
  });
});
