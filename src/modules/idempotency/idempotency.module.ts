import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyRecords } from './idempotency-records';

/** `Idempotency-Key` on every authenticated POST (answers kept 24 h in PostgreSQL, per caller). */
@Module({
  providers: [IdempotencyRecords, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
})
export class IdempotencyModule {}
