import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { DelegationsController } from './delegations.controller';
import { DelegationsRepository } from './delegations.repository';
import { DelegationsService } from './delegations.service';
import { DeskAccessRepository } from './desk-access.repository';
import { DeskAccessService } from './desk-access.service';
import { DesksController } from './desks.controller';
import { DesksRepository } from './desks.repository';
import { DesksService } from './desks.service';
import { PasswordHasher } from './password-hasher';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/** People, desks, holders and delegations; DeskAccessService says who may act for which desk. */
@Module({
  imports: [AuthModule, AuditModule],
  controllers: [UsersController, DesksController, DelegationsController],
  providers: [
    UsersRepository, UsersService, PasswordHasher,
    DesksRepository, DesksService,
    DelegationsRepository, DelegationsService,
    DeskAccessRepository, DeskAccessService,
  ],
  exports: [UsersService, UsersRepository, PasswordHasher, DesksService, DeskAccessService],
})
export class UsersModule {}
