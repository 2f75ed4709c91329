import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../../common/auth';
import { AuditService } from '../../audit/audit.service';
import type { FolderDto } from '../../folders/dto/folder.dto';
import type { StepKind } from '../../folders/folder-state-machine';
import { ok } from '../soap/message-retour';
import type { SoapCall } from '../soap/soap-call';
import { el, type XmlNode } from '../soap/xml';
import { DossierLookupService, dossierIdOf } from './dossier-lookup.service';
import { type LogEntry, toLogEntry } from './histo-status';

export function logDossier(entry: LogEntry): XmlNode {
  return el('LogDossier', [el('timestamp', entry.timestamp), el('nom', entry.nom), el('status', entry.status), el('annotation', entry.annotation)]);
}

const DEFAULT_ACTOR_NAME = 'Parapheur';

/** GetHistoDossier: the folder's audit trail as LogDossier entries, oldest first. */
@Injectable()
export class HistoryOperation {
  constructor(
    private readonly lookup: DossierLookupService,
    private readonly audit: AuditService,
  ) {}

  async run(call: SoapCall): Promise<XmlNode> {
    const dossierId = dossierIdOf(call);
    const entries = await this.entries(call.auth, await this.lookup.find(call.auth, dossierId));
    return el('GetHistoDossierResponse', [...entries.map(logDossier), ok(`Historique du dossier ${dossierId} : ${entries.length} entrée(s).`)]);
  }

  /** The folder's LogDossier entries, oldest first. */
  async entries(auth: AuthContext, folder: FolderDto): Promise<LogEntry[]> {
    const stepKinds = new Map<number, StepKind>(folder.steps.map((step) => [step.position, step.kind]));
    const events = await this.audit.listForFolder(auth, folder.id);
    return events
      .map((event) => toLogEntry({ at: event.at, action: event.action, actorName: event.actor.name, payload: event.payload }, stepKinds, DEFAULT_ACTOR_NAME))
      .filter((entry) => entry !== null);
  }
}
