import type { INestApplicationContext } from '@nestjs/common';
import { TenantsService } from '../tenants/tenants.service';
import { AuditService, type ChainVerification } from './audit.service';

const REASONS: Record<Exclude<ChainVerification, { ok: true }>['reason'], string> = {
  'sequence-gap': 'sequence number out of order (an earlier event is missing)',
  'prev-hash-mismatch': 'prev_hash does not match the hash of the previous event',
  'hash-mismatch': 'content does not match its hash (the row was changed)',
  'head-mismatch': 'the chain head names a later event (events after this one are missing)',
};

/** `audit:verify --tenant <id|siren>`: prints OK with the count, or the first broken event and exits 1. */
export async function verifyAuditCommand(app: INestApplicationContext, tenantRef: string): Promise<number> {
  const tenant = await app.get(TenantsService).resolve(tenantRef);
  const result = await app.get(AuditService).verifyChain(tenant.id);
  const who = `${tenant.name} (SIREN ${tenant.siren})`;
  if (result.ok) {
    process.stdout.write(`Audit chain of ${who}: OK, ${result.count} events verified.\n`);
    return 0;
  }
  const { id, seq, action, at } = result.brokenAt;
  process.stdout.write(
    `Audit chain of ${who}: BROKEN at event id ${id}, seq ${seq}, action ${action}, at ${at.toISOString()}\n` +
      `Reason: ${REASONS[result.reason]}. ${result.count} events verified before it.\n`,
  );
  return 1;
}
