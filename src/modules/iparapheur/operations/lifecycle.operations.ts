import { Injectable } from '@nestjs/common';
import { FolderStatus } from '../../folders/folder-state-machine';
import { ArchiveFolderService } from '../../folders/use-cases/archive-folder.service';
import { WithdrawFolderService } from '../../folders/use-cases/withdraw-folder.service';
import { ok } from '../soap/message-retour';
import { SoapRefusal, type SoapCall } from '../soap/soap-call';
import { childText, el, type XmlNode } from '../soap/xml';
import { DossierLookupService, dossierIdOf } from './dossier-lookup.service';

const ARCHIVE_ACTIONS = ['ARCHIVER', 'EFFACER'];

/**
 * ArchiverDossier, EffacerDossierRejete, ExercerDroitRemordDossier. Nothing is deleted here: ARCHIVER
 * and EFFACER both archive the folder (read-only, out of the working lists, purged per retention).
 */
@Injectable()
export class LifecycleOperations {
  constructor(
    private readonly lookup: DossierLookupService,
    private readonly archives: ArchiveFolderService,
    private readonly withdrawals: WithdrawFolderService,
  ) {}

  async archive(call: SoapCall): Promise<XmlNode> {
    const dossierId = dossierIdOf(call);
    const action = (childText(call.request, 'ArchivageAction') ?? 'ARCHIVER').toUpperCase();
    if (!ARCHIVE_ACTIONS.includes(action)) throw new SoapRefusal(`ArchivageAction « ${action} » inconnue : ARCHIVER ou EFFACER.`);
    const folder = await this.lookup.find(call.auth, dossierId);
    if (folder.status !== FolderStatus.Archived) {
      if (folder.status !== FolderStatus.Completed && folder.status !== FolderStatus.Rejected) {
        throw new SoapRefusal(`Le dossier ${dossierId} n’est pas terminé : il ne peut pas être archivé.`);
      }
      await this.archives.archive(call.auth, folder.id);
    }
    return el('ArchiverDossierResponse', [ok(`Dossier ${dossierId} archivé.`)]);
  }

  async eraseRejected(call: SoapCall): Promise<XmlNode> {
    const dossierId = dossierIdOf(call);
    const folder = await this.lookup.find(call.auth, dossierId);
    if (folder.status === FolderStatus.Rejected) await this.archives.archive(call.auth, folder.id);
    else if (folder.status !== FolderStatus.Withdrawn && folder.status !== FolderStatus.Archived) {
      throw new SoapRefusal(`Le dossier ${dossierId} n’est pas rejeté : il ne peut pas être effacé.`);
    }
    return el('EffacerDossierRejeteResponse', [ok(`Dossier ${dossierId} effacé.`)]);
  }

  async withdraw(call: SoapCall): Promise<XmlNode> {
    const dossierId = dossierIdOf(call);
    const folder = await this.lookup.find(call.auth, dossierId);
    await this.withdrawals.withdraw(call.auth, folder.id);
    return el('ExercerDroitRemordDossierResponse', [ok(`Droit de remords exercé sur le dossier ${dossierId}.`)]);
  }
}
