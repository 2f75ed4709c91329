import { Injectable } from '@nestjs/common';
import { defer, distinctUntilChanged, exhaustMap, interval, map, type Observable, startWith, takeWhile } from 'rxjs';
import type { AuthContext } from '../../../common/auth';
import { JobName } from '../../jobs/job-names';
import { JobsService } from '../../jobs/jobs.service';
import { ConsentService } from '../consent/consent.service';
import { type BulkActionCreatedDto, BulkBatchDto, type CreateBulkActionDto } from '../dto/bulk.dto';
import { personOf } from '../keys/signing-keys.service';
import { SigningError, SigningErrorCode } from '../signing.errors';
import { BulkAction, BulkBatchStatus } from './bulk-batch.entity';
import { BulkRepository } from './bulk.repository';

/** How often the progress stream reads the database: works the same with the inline driver and BullMQ workers. */
export const BULK_POLL_MS = 250;

export interface BulkEvent {
  type: 'progress' | 'done';
  batch: BulkBatchDto;
}

/** Bulk sign or visa: one consent for exactly the named folders, then one job per folder. */
@Injectable()
export class BulkService {
  constructor(
    private readonly bulk: BulkRepository,
    private readonly consents: ConsentService,
    private readonly jobs: JobsService,
  ) {}

  async create(ctx: AuthContext, body: CreateBulkActionDto): Promise<BulkActionCreatedDto> {
    const userId = personOf(ctx);
    const consentId = body.action === BulkAction.Sign ? (await this.consents.grant(ctx, { pin: body.pin, totp: body.totp }, body.folderIds)).consentId : null;
    const { batch, items } = await this.bulk.create({ tenantId: ctx.tenantId, userId, action: body.action, consentId, folderIds: body.folderIds });
    for (const item of items) {
      await this.jobs.enqueue(JobName.SigningBulkItem, { tenantId: ctx.tenantId, batchId: batch.id, itemId: item.id }, { jobId: item.id });
    }
    return { batchId: batch.id };
  }

  /** The caller's own batch; anyone else's (other person, other tenant) is a 404. */
  async get(ctx: AuthContext, id: string): Promise<BulkBatchDto> {
    const batch = await this.bulk.findBatch(ctx.tenantId, id);
    if (!batch || batch.userId !== ctx.userId) throw new SigningError(SigningErrorCode.BatchNotFound, `Aucune action groupée avec l’identifiant ${id}.`);
    return BulkBatchDto.from(batch, await this.bulk.items(ctx.tenantId, id));
  }

  /** Progress as it changes, ending with a `done` event once every folder is done or failed. */
  watch(ctx: AuthContext, id: string): Observable<BulkEvent> {
    return interval(BULK_POLL_MS).pipe(
      startWith(0),
      exhaustMap(() => defer(() => this.get(ctx, id))),
      distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
      takeWhile((batch) => batch.status !== BulkBatchStatus.Done, true),
      map((batch) => ({ type: batch.status === BulkBatchStatus.Done ? 'done' : 'progress', batch })),
    );
  }
}
