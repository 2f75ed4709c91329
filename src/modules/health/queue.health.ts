import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { JobDriver } from '../jobs/job-driver';

@Injectable()
export class QueueHealthIndicator {
  constructor(
    private readonly driver: JobDriver,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key: 'queue'): Promise<HealthIndicatorResult<'queue'>> {
    const session = this.indicators.check(key);
    const health = await this.driver.checkHealth();
    return health.ok ? session.up({ driver: health.detail }) : session.down({ message: health.detail });
  }
}
