import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../../common/auth';
import type { FolderSummaryDto } from '../../folders/dto/folder.dto';
import { FolderQueriesService } from '../../folders/folder-queries.service';
import { TypologiesService } from '../../typologies/typologies.service';
import { SoapRefusal, type SoapCall } from '../soap/soap-call';
import { childElements, childText, el, textOf, type XmlNode } from '../soap/xml';
import { DossierLookupService } from './dossier-lookup.service';
import { HistoryOperation, logDossier } from './history.operation';

const DEFAULT_COUNT = 50;
const MAX_COUNT = 200;

/**
 * RechercherDossiers: the latest LogDossier of each folder (named by its DossierID), newest folders
 * first, filtered by type / subtype, by status (of that last entry) or by a list of DossierIDs.
 */
@Injectable()
export class SearchOperation {
  constructor(
    private readonly lookup: DossierLookupService,
    private readonly queries: FolderQueriesService,
    private readonly typologies: TypologiesService,
    private readonly history: HistoryOperation,
  ) {}

  async run(call: SoapCall): Promise<XmlNode> {
    const request = call.request;
    const count = Math.min(Math.max(Number(childText(request, 'NombreDossiers') ?? DEFAULT_COUNT) || DEFAULT_COUNT, 1), MAX_COUNT);
    const status = childText(request, 'Status');
    const ids = childElements(request, 'DossierID').map((e) => textOf(e).trim()).filter(Boolean);
    const summaries = ids.length > 0
      ? await this.byIds(call.auth, ids)
      : await this.byTypology(call.auth, childText(request, 'TypeTechnique'), childText(request, 'SousType'), count);
    const logs: XmlNode[] = [];
    for (const summary of summaries) {
      if (logs.length >= count) break;
      const folder = await this.queries.get(call.auth, summary.id);
      const last = (await this.history.entries(call.auth, folder)).pop();
      if (!last || (status && last.status !== status)) continue;
      logs.push(logDossier({ ...last, nom: folder.externalId ?? folder.id }));
    }
    return el('RechercherDossiersResponse', logs);
  }

  private async byIds(auth: AuthContext, ids: string[]): Promise<Array<{ id: string }>> {
    const found: Array<{ id: string }> = [];
    for (const id of ids.slice(0, MAX_COUNT)) {
      try {
        found.push(await this.lookup.find(auth, id));
      } catch (error) {
        if (!(error instanceof SoapRefusal)) throw error;
      }
    }
    return found;
  }

  private async byTypology(auth: AuthContext, type: string | undefined, subtype: string | undefined, count: number): Promise<FolderSummaryDto[]> {
    const typologies = (await this.typologies.list(auth)).filter((t) => (!type || t.type === type) && (!subtype || t.subtype === subtype));
    if ((type || subtype) && typologies.length === 0) throw new SoapRefusal(`Aucun type « ${type ?? '*'} » / sous-type « ${subtype ?? '*'} » dans ce parapheur.`);
    const lists = type || subtype
      ? await Promise.all(typologies.map((t) => this.queries.list(auth, { typologyId: t.id, limit: MAX_COUNT })))
      : [await this.queries.list(auth, { limit: MAX_COUNT })];
    return lists.flatMap((page) => page.items).sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, Math.max(count, MAX_COUNT));
  }
}
