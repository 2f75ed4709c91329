import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from './canonical-json';

/** prev_hash of a tenant's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditActorKind = 'user' | 'api_client' | 'worker' | 'system';

/** Who did it, as recorded: for a delegate, the desk acted for and its name ("en l'absence de …"). */
export interface AuditActor {
  kind: AuditActorKind;
  /** User id, API key id, or a fixed name for workers and the system (e.g. `signing-worker`). */
  id: string;
  name?: string;
  deskId?: string;
  onBehalfOfDeskId?: string;
  onBehalfOfName?: string;
}

export type AuditPayload = { [key: string]: JsonValue | undefined };

/** Everything the hash covers: one row of `audit_events` minus its ids and hashes. */
export interface AuditContent {
  tenantId: string;
  seq: number;
  at: Date;
  actor: AuditActor;
  action: string;
  folderId: string | null;
  payload: AuditPayload;
}

/** The stored row as the chain check needs it. */
export interface ChainedRow extends AuditContent {
  id: string;
  prevHash: string;
  hash: string;
}

/** sha256(prev_hash ‖ canonical JSON of the content), hex. */
export function chainHash(prevHash: string, content: AuditContent): string {
  const canonical = canonicalJson({
    tenantId: content.tenantId,
    seq: content.seq,
    at: content.at.toISOString(),
    actor: { ...content.actor },
    action: content.action,
    folderId: content.folderId,
    payload: content.payload,
  });
  return createHash('sha256').update(prevHash, 'utf8').update(canonical, 'utf8').digest('hex');
}

export type ChainBreakReason = 'sequence-gap' | 'prev-hash-mismatch' | 'hash-mismatch' | 'head-mismatch';

export interface ChainBreak {
  id: string;
  seq: number;
  action: string;
  at: Date;
  reason: ChainBreakReason;
}

/**
 * Checks rows one by one in seq order (so a caller can stream them in batches): seq must be 1, 2, 3…,
 * each prev_hash the previous row's hash, and each hash the recomputed one. Returns the first break.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private previousHash = GENESIS_HASH;
  private last: ChainedRow | undefined;
  count = 0;

  check(row: ChainedRow): ChainBreak | undefined {
    const at = (reason: ChainBreakReason): ChainBreak => ({ id: row.id, seq: row.seq, action: row.action, at: row.at, reason });
    if (row.seq !== this.expectedSeq) return at('sequence-gap');
    if (row.prevHash !== this.previousHash) return at('prev-hash-mismatch');
    if (chainHash(row.prevHash, row) !== row.hash) return at('hash-mismatch');
    this.expectedSeq += 1;
    this.previousHash = row.hash;
    this.last = row;
    this.count += 1;
    return undefined;
  }

  /** After the last row: the recorded head (seq and hash of the newest event) must match, so deleted tail rows show. */
  checkHead(head: { seq: number; hash: string } | undefined): ChainBreak | undefined {
    const seq = head?.seq ?? 0;
    const hash = head?.hash ?? GENESIS_HASH;
    if (seq === this.count && hash === this.previousHash) return undefined;
    const row = this.last;
    return { id: row?.id ?? '', seq: row?.seq ?? 0, action: row?.action ?? '', at: row?.at ?? new Date(0), reason: 'head-mismatch' };
  }
}
