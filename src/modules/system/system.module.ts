import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { QueueCheckController } from './queue-check.controller';
import { QueueCheckProcessor } from './queue-check.processor';
import { QueueCheckService } from './queue-check.service';
import { QueueChecksRepository } from './queue-checks.repository';

@Module({
  imports: [AuthModule],
  controllers: [QueueCheckController],
  providers: [QueueChecksRepository, QueueCheckService, QueueCheckProcessor],
})
export class SystemModule {}
