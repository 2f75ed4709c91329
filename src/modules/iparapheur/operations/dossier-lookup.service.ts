import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../../common/auth';
import type { FolderDto } from '../../folders/dto/folder.dto';
import { FolderQueriesService } from '../../folders/folder-queries.service';
import { SoapRefusal, type SoapCall } from '../soap/soap-call';
import { childText, textOf } from '../soap/xml';

/** The DossierID of a request: `<X><DossierID>…</DossierID></X>` or the element's own text (`<GetDossierRequest>…</GetDossierRequest>`). */
export function dossierIdOf(call: SoapCall): string {
  const id = childText(call.request, 'DossierID') ?? textOf(call.request).trim();
  if (id === '') throw new SoapRefusal('Le DossierID est obligatoire.');
  return id;
}

/** Finds the tenant's folder whose externalId is the caller's DossierID. */
@Injectable()
export class DossierLookupService {
  constructor(private readonly queries: FolderQueriesService) {}

  async find(auth: AuthContext, dossierId: string): Promise<FolderDto> {
    const page = await this.queries.list(auth, { externalId: dossierId, limit: 1 });
    const summary = page.items[0];
    if (!summary || summary.externalId !== dossierId) throw new SoapRefusal(`Dossier ${dossierId} introuvable.`);
    return this.queries.get(auth, summary.id);
  }
}
