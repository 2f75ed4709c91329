import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { QueueCheck, QueueCheckStatus } from './queue-check.entity';

@Injectable()
export class QueueChecksRepository {
  private readonly checks: Repository<QueueCheck>;

  constructor(dataSource: DataSource) {
    this.checks = dataSource.getRepository(QueueCheck);
  }

  insert(tenantId: string, requestedByPid: number): Promise<QueueCheck> {
    return this.checks.save(this.checks.create({ tenantId, requestedByPid, status: QueueCheckStatus.Pending }));
  }

  findForTenant(tenantId: string, id: string): Promise<QueueCheck | null> {
    return this.checks.findOneBy({ tenantId, id });
  }

  /** Idempotent: a check already done keeps its first processor. */
  async markDone(tenantId: string, id: string, by: { role: string; pid: number }, at: Date): Promise<void> {
    await this.checks.update(
      { tenantId, id, status: QueueCheckStatus.Pending },
      { status: QueueCheckStatus.Done, processedByRole: by.role, processedByPid: by.pid, processedAt: at },
    );
  }
}
