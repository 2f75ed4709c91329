import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { CircuitsModule } from '../circuits/circuits.module';
import { TypologiesController } from './typologies.controller';
import { TypologiesRepository } from './typologies.repository';
import { TypologiesService } from './typologies.service';

/** Type / subtype → circuit, signature level, stamp defaults, metadata schema, required annexes. */
@Module({
  imports: [AuthModule, AuditModule, CircuitsModule],
  controllers: [TypologiesController],
  providers: [TypologiesRepository, TypologiesService],
  exports: [TypologiesService],
})
export class TypologiesModule {}
