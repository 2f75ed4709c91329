import { ApiProperty } from '@nestjs/swagger';
import { type QueueCheck, QueueCheckStatus } from '../queue-check.entity';

export class QueueCheckDto {
  @ApiProperty({ description: 'Queue check id', format: 'uuid', example: '9a3e1c4b-7d2f-4e8a-b6c5-0f1e2d3c4b5a' })
  id!: string;

  @ApiProperty({ description: 'pending until a job handler has run', enum: QueueCheckStatus, enumName: 'QueueCheckStatus', example: QueueCheckStatus.Done })
  status!: QueueCheckStatus;

  @ApiProperty({ description: 'Process id of the API process that enqueued the job', example: 4211 })
  requestedByPid!: number;

  @ApiProperty({ description: 'Role of the process that ran the job (worker, api+worker)', nullable: true, type: String, example: 'worker' })
  processedByRole!: string | null;

  @ApiProperty({ description: 'Process id of the process that ran the job', nullable: true, type: Number, example: 4242 })
  processedByPid!: number | null;

  @ApiProperty({ description: 'When the job ran', format: 'date-time', nullable: true, type: String, example: '2026-01-15T09:30:01.000Z' })
  processedAt!: string | null;

  @ApiProperty({ description: 'Creation time', format: 'date-time', example: '2026-01-15T09:30:00.000Z' })
  createdAt!: string;

  static from(check: QueueCheck): QueueCheckDto {
    return {
      id: check.id,
      status: check.status,
      requestedByPid: check.requestedByPid,
      processedByRole: check.processedByRole,
      processedByPid: check.processedByPid,
      processedAt: check.processedAt?.toISOString() ?? null,
      createdAt: check.createdAt.toISOString(),
    };
  }
}
