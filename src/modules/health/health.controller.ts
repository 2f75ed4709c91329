import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { CommonError, CommonErrorCode, ProblemDto } from '../../common/errors';
import { DatabaseHealthIndicator } from './database.health';
import { QueueHealthIndicator } from './queue.health';

@ApiTags('Health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly queue: QueueHealthIndicator,
  ) {}

  /** The process is up (no dependency checked). */
  @Get('live')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOkResponse({ description: 'Alive' })
  getLiveness(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /** The database and the job queue answer. */
  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOkResponse({ description: 'Ready to serve' })
  @ApiResponse({ status: 503, description: 'A dependency is down', content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } } })
  async getReadiness(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.database.check('database'), () => this.queue.check('queue')]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      const down = Object.keys(result.error ?? {}).join(', ') || 'inconnu';
      throw new CommonError(CommonErrorCode.ServiceUnavailable, `Service pas prêt : dépendance indisponible (${down}).`);
    }
  }
}
