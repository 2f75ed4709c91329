import { Module } from '@nestjs/common';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { SecretBox } from '../../common/crypto/secret-box';
import { AppConfig } from '../../config';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { DocumentsModule } from '../documents/documents.module';
import { FoldersModule } from '../folders/folders.module';
import { TypologiesModule } from '../typologies/typologies.module';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { BulkItemProcessor } from './bulk/bulk-item.processor';
import { BulkController } from './bulk/bulk.controller';
import { BulkRepository } from './bulk/bulk.repository';
import { BulkService } from './bulk/bulk.service';
import { ConsentService } from './consent/consent.service';
import { PinVerifier } from './consent/pin-verifier';
import { SigningConsentsRepository } from './consent/signing-consents.repository';
import { KeySealing } from './keys/key-sealing';
import { Pkcs11Tokens } from './keys/pkcs11-tokens';
import { SigningKeyLoader } from './keys/signing-key-loader';
import { SigningKeysController } from './keys/signing-keys.controller';
import { SigningKeysRepository } from './keys/signing-keys.repository';
import { SigningKeysService } from './keys/signing-keys.service';
import { TenantCaService } from './keys/tenant-ca.service';
import { TenantCasRepository } from './keys/tenant-cas.repository';
import { FoldersSignatureWorkflow } from './tasks/folders-signature-workflow';
import { SealDispatcher } from './tasks/seal-dispatcher';
import { SignActionService } from './tasks/sign-action.service';
import { SignDocumentProcessor } from './tasks/sign-document.processor';
import { SignatureTasksRepository } from './tasks/signature-tasks.repository';
import { SignatureWorkflowPort } from './tasks/signature-workflow.port';
import { SigningNamesRepository } from './tasks/signing-names.repository';
import { SigningActionsController } from './tasks/signing-actions.controller';

/**
 * Signing through the queue: people's keys (issued by the tenant CA or uploaded) and the tenant
 * seal, sealed under MASTER_KEY; PIN consent; the sign action and its idempotent processor; bulk
 * actions with progress. Folder state goes through SignatureWorkflowPort (the folders module).
 */
@Module({
  imports: [AuthModule, UsersModule, SessionsModule, AuditModule, DocumentsModule, FoldersModule, TypologiesModule, WebhooksModule],
  controllers: [SigningKeysController, SigningActionsController, BulkController],
  providers: [
    { provide: SecretBox, inject: [AppConfig], useFactory: (config: AppConfig) => new SecretBox(config.masterKey) },
    { provide: SignatureWorkflowPort, useClass: FoldersSignatureWorkflow },
    KeySealing, Pkcs11Tokens, TenantCasRepository, TenantCaService, SigningKeysRepository, SigningKeysService, SigningKeyLoader,
    SigningConsentsRepository, PinVerifier, ConsentService,
    SignatureTasksRepository, SigningNamesRepository, SealDispatcher, SignActionService, SignDocumentProcessor,
    BulkRepository, BulkService, BulkItemProcessor,
  ],
  exports: [SigningKeysService, TenantCaService],
})
export class SigningModule {}
