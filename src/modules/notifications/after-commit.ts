import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager, type EntitySubscriberInterface, type QueryRunner, type TransactionCommitEvent, type TransactionRollbackEvent } from 'typeorm';

type Callback = () => Promise<void>;

/**
 * Runs work once the caller's transaction has committed (now, when there is none): a job that reads a
 * row must not be enqueued before the row is visible, nor at all when the transaction rolls back.
 * Errors are logged, never thrown into a commit that already happened.
 */
@Injectable()
export class AfterCommit implements OnModuleInit, EntitySubscriberInterface {
  private readonly logger = new Logger('AfterCommit');
  private readonly pending = new WeakMap<QueryRunner, Callback[]>();

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
  }

  async run(manager: EntityManager, callback: Callback): Promise<void> {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) {
      await this.safely(callback);
      return;
    }
    const callbacks = this.pending.get(runner) ?? [];
    callbacks.push(callback);
    this.pending.set(runner, callbacks);
  }

  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const runner = event.queryRunner;
    if (runner.isTransactionActive) return; // a savepoint was released: the transaction goes on
    const callbacks = this.pending.get(runner) ?? [];
    this.pending.delete(runner);
    for (const callback of callbacks) await this.safely(callback);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
  }

  private async safely(callback: Callback): Promise<void> {
    try {
      await callback();
    } catch (error) {
      this.logger.error({ err: error }, 'Work after commit failed');
    }
  }
}
