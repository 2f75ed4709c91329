import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import type { StepKind } from '../../folders/folder-state-machine';
import { ok } from '../soap/message-retour';
import type { SoapCall } from '../soap/soap-call';
import { el, type XmlNode } from '../soap/xml';
import { DossierLookupService, dossierIdOf } from './dossier-lookup.service';
import { toLogEntry } from './histo-status';

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
    const folder = await this.lookup.find(call.auth, dossierId);
    const stepKinds = new Map<number, StepKind>(folder.steps.map((step) => [step.position, step.kind]));
    const events = await this.audit.listForFolder(call.auth, folder.id);
    const entries = events
      .map((event) => toLogEntry({ at: event.at, action: event.action, actorName: event.actor.name, payload: event.payload }, stepKinds, DEFAULT_ACTOR_NAME))
      .filter((entry) => entry !== null);
    return el('GetHistoDossierResponse', [
      ...entries.map((entry) => el('LogDossier', [el('timestamp', entry.timestamp), el('nom', entry.nom), el('status', entry.status), el('annotation', entry.annotation)])),
      ok(`Historique du dossier ${dossierId} : ${entries.length} entrée(s).`),
    ]);
  }
}
