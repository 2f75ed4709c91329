import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { CircuitsController } from './circuits.controller';
import { CircuitsRepository } from './circuits.repository';
import { CircuitsService } from './circuits.service';
import { DeskDirectory, SqlDeskDirectory } from './desk-directory';

/** Versioned circuits, step conditions and the route a folder takes (resolveRoute, preview). */
@Module({
  imports: [AuthModule, AuditModule],
  controllers: [CircuitsController],
  providers: [CircuitsRepository, CircuitsService, { provide: DeskDirectory, useClass: SqlDeskDirectory }],
  exports: [CircuitsService],
})
export class CircuitsModule {}
