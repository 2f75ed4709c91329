import { Injectable, Logger } from '@nestjs/common';
import { ApiScope, type AuthContext } from '../../common/auth';
import { DomainError } from '../../common/errors';
import { CatalogOperations } from './operations/catalog.operations';
import { CreerDossierOperation } from './operations/creer-dossier.operation';
import { GetDossierOperation } from './operations/get-dossier.operation';
import { HistoryOperation } from './operations/history.operation';
import { LifecycleOperations } from './operations/lifecycle.operations';
import { MetadataOperations } from './operations/metadata.operations';
import { SearchOperation } from './operations/search.operation';
import { requestElementOf, responseEnvelope } from './soap/envelope';
import { messageRetour } from './soap/message-retour';
import { readSoapMessage } from './soap/mtom';
import { SoapRefusal, type SoapCall } from './soap/soap-call';
import { el, localNameOf, XmlInputError, type XmlNode } from './soap/xml';

interface Operation {
  scope: ApiScope;
  run: (call: SoapCall) => XmlNode | Promise<XmlNode>;
}

/** `CreerDossierRequest` → `CreerDossierResponse`, `echoRequest` → `echoResponse`. */
function responseNameOf(requestName: string): string {
  return `${requestName.replace(/Request$/, '')}Response`;
}

/**
 * Dispatches on the SOAP Body's root element (clients send no SOAPAction) and always answers an
 * envelope: refusals and errors are MessageRetour KO in the operation's response, never SOAP faults.
 */
@Injectable()
export class IparapheurSoapService {
  private readonly logger = new Logger('IparapheurSoap');
  private readonly operations: ReadonlyMap<string, Operation>;

  constructor(
    catalog: CatalogOperations,
    creer: CreerDossierOperation,
    history: HistoryOperation,
    dossier: GetDossierOperation,
    lifecycle: LifecycleOperations,
    metadata: MetadataOperations,
    search: SearchOperation,
  ) {
    this.operations = new Map<string, Operation>([
      ['echoRequest', { scope: ApiScope.FoldersRead, run: (call) => catalog.echo(call) }],
      ['GetListeTypesRequest', { scope: ApiScope.FoldersRead, run: (call) => catalog.types(call) }],
      ['GetListeSousTypesRequest', { scope: ApiScope.FoldersRead, run: (call) => catalog.subtypes(call) }],
      ['CreerDossierRequest', { scope: ApiScope.FoldersWrite, run: (call) => creer.run(call) }],
      ['GetHistoDossierRequest', { scope: ApiScope.FoldersRead, run: (call) => history.run(call) }],
      ['GetDossierRequest', { scope: ApiScope.FoldersRead, run: (call) => dossier.run(call) }],
      ['ArchiverDossierRequest', { scope: ApiScope.FoldersWrite, run: (call) => lifecycle.archive(call) }],
      ['EffacerDossierRejeteRequest', { scope: ApiScope.FoldersWrite, run: (call) => lifecycle.eraseRejected(call) }],
      ['ExercerDroitRemordDossierRequest', { scope: ApiScope.FoldersWrite, run: (call) => lifecycle.withdraw(call) }],
      ['RechercherDossiersRequest', { scope: ApiScope.FoldersRead, run: (call) => search.run(call) }],
      ['GetCircuitRequest', { scope: ApiScope.FoldersRead, run: (call) => metadata.circuit(call) }],
      ['GetListeMetaDonneesRequest', { scope: ApiScope.FoldersRead, run: (call) => metadata.list(call) }],
      ['GetMetaDonneesRequisesPourTypeSoustypeRequest', { scope: ApiScope.FoldersRead, run: (call) => metadata.required(call) }],
    ]);
  }

  async handle(auth: AuthContext, login: string, body: Buffer, contentType: string): Promise<string> {
    try {
      const message = readSoapMessage(body, contentType);
      const request = requestElementOf(message.xml);
      return responseEnvelope(await this.dispatch({ auth, login, request, attachments: message.attachments }));
    } catch (error) {
      if (error instanceof XmlInputError) return responseEnvelope(messageRetour(false, 'Requête SOAP illisible : envoyez une enveloppe SOAP 1.1 en XML bien formé, sans DOCTYPE.'));
      throw error;
    }
  }

  private async dispatch(call: SoapCall): Promise<XmlNode> {
    const name = localNameOf(call.request);
    const operation = this.operations.get(name);
    const responseName = responseNameOf(name);
    if (!operation) return el(responseName, [messageRetour(false, `Opération « ${name.replace(/Request$/, '')} » non prise en charge par ce parapheur.`)]);
    if (!call.auth.scopes.includes(operation.scope)) {
      return el(responseName, [messageRetour(false, `Cette clé d’API n’a pas la portée requise (${operation.scope}) : demandez une clé avec cette portée.`)]);
    }
    try {
      return await operation.run(call);
    } catch (error) {
      return el(responseName, [messageRetour(false, this.refusalMessage(error, name))]);
    }
  }

  private refusalMessage(error: unknown, operation: string): string {
    if (error instanceof SoapRefusal) return error.frenchMessage;
    if (error instanceof DomainError) return error.detail;
    this.logger.error({ err: error, operation }, 'SOAP operation failed');
    return 'Erreur interne du parapheur : réessayez plus tard ou contactez l’administrateur.';
  }
}
