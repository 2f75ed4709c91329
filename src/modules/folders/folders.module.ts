import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { CircuitsModule } from '../circuits/circuits.module';
import { DocumentsModule } from '../documents/documents.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { TypologiesModule } from '../typologies/typologies.module';
import { UsersModule } from '../users/users.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { FolderActionsController } from './folder-actions.controller';
import { CircuitsRouteResolver, TypologiesCatalog } from './circuits-and-typologies.adapters';
import { AuditAndNotificationsFolderEvents } from './folder-events.adapter';
import { FolderListRepository } from './folder-list.repository';
import { FolderQueriesService } from './folder-queries.service';
import { FolderWorkflowService } from './folder-workflow.service';
import { FoldersController } from './folders.controller';
import { FoldersRepository } from './folders.repository';
import { FolderEvents } from './ports/folder-events.port';
import { RouteResolver } from './ports/route-resolver.port';
import { TypologyCatalog } from './ports/typology-catalog.port';
import { SignatureTasksRepository } from './signature-tasks.repository';
import { FolderUploadInterceptor } from './upload/folder-upload.interceptor';
import { ActOnStepService } from './use-cases/act-on-step.service';
import { ArchiveFolderService } from './use-cases/archive-folder.service';
import { CommentFolderService } from './use-cases/comment-folder.service';
import { CreateFolderService } from './use-cases/create-folder.service';
import { StartFolderService } from './use-cases/start-folder.service';
import { RemindFolderService } from './use-cases/remind-folder.service';
import { WithdrawFolderService } from './use-cases/withdraw-folder.service';

/**
 * Folders: creation with documents, the lifecycle through the pure state machine, actions with the
 * folder row locked, lists per desk. FolderWorkflowService is the extension point signing builds on.
 */
@Module({
  imports: [AuthModule, UsersModule, DocumentsModule, AuditModule, NotificationsModule, CircuitsModule, TypologiesModule, WebhooksModule],
  controllers: [FoldersController, FolderActionsController],
  providers: [
    FoldersRepository, FolderListRepository, SignatureTasksRepository,
    FolderWorkflowService, FolderQueriesService,
    CreateFolderService, StartFolderService, ActOnStepService, WithdrawFolderService, ArchiveFolderService, CommentFolderService, RemindFolderService,
    FolderUploadInterceptor,
    { provide: TypologyCatalog, useClass: TypologiesCatalog },
    { provide: RouteResolver, useClass: CircuitsRouteResolver },
    { provide: FolderEvents, useClass: AuditAndNotificationsFolderEvents },
  ],
  exports: [FolderWorkflowService, ActOnStepService, FolderQueriesService, CreateFolderService, CommentFolderService, ArchiveFolderService, WithdrawFolderService],
})
export class FoldersModule {}
