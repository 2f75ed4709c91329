import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AppConfig } from '../../config';
import { RateLimitInterceptor } from './rate-limit.interceptor';
import { MemoryRateLimitStore, RateLimitStore, RedisRateLimitStore } from './rate-limit.store';

function createStore(config: AppConfig): RateLimitStore {
  return config.jobs.mode === 'bullmq' ? new RedisRateLimitStore(config.jobs.redisUrl, config.jobs.prefix) : new MemoryRateLimitStore();
}

/** Per-API-key rate limits (RATE_LIMIT_PER_MINUTE), in Redis when REDIS_URL is set, else in this process. */
@Module({
  providers: [
    { provide: RateLimitStore, inject: [AppConfig], useFactory: createStore },
    { provide: APP_INTERCEPTOR, useClass: RateLimitInterceptor },
  ],
})
export class RateLimitModule implements OnApplicationShutdown {
  constructor(@Inject(RateLimitStore) private readonly store: RateLimitStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
