import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { CircuitsModule } from '../circuits/circuits.module';
import { EvidenceModule } from '../evidence/evidence.module';
import { FoldersModule } from '../folders/folders.module';
import { TypologiesModule } from '../typologies/typologies.module';
import { UsersModule } from '../users/users.module';
import { IparapheurSoapService } from './iparapheur-soap.service';
import { IparapheurController } from './iparapheur.controller';
import { CatalogOperations } from './operations/catalog.operations';
import { CreerDossierOperation } from './operations/creer-dossier.operation';
import { DossierLookupService } from './operations/dossier-lookup.service';
import { GetDossierOperation } from './operations/get-dossier.operation';
import { HistoryOperation } from './operations/history.operation';
import { LifecycleOperations } from './operations/lifecycle.operations';
import { MetadataOperations } from './operations/metadata.operations';
import { SearchOperation } from './operations/search.operation';
import { SoapBasicAuthGuard } from './soap/basic-auth.guard';
import { SoapBodyMiddleware } from './soap/soap-body.middleware';

/**
 * i-Parapheur-compatible SOAP endpoint for existing municipal software: the legacy operations mapped
 * onto typologies, folders (same creation use case as the REST API), the audit trail and the evidence.
 */
@Module({
  imports: [AuthModule, AuditModule, CircuitsModule, EvidenceModule, FoldersModule, TypologiesModule, UsersModule],
  controllers: [IparapheurController],
  providers: [
    IparapheurSoapService, SoapBasicAuthGuard, SoapBodyMiddleware,
    CatalogOperations, CreerDossierOperation, DossierLookupService, GetDossierOperation, HistoryOperation, LifecycleOperations, MetadataOperations, SearchOperation,
  ],
})
export class IparapheurModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(SoapBodyMiddleware).forRoutes(IparapheurController);
  }
}
