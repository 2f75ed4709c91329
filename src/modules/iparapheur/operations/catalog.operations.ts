import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../../common/auth';
import type { TypologyDto } from '../../typologies/dto/typology.dto';
import { TypologiesService } from '../../typologies/typologies.service';
import { SoapRefusal, type SoapCall } from '../soap/soap-call';
import { el, textOf, type XmlNode } from '../soap/xml';

const byFrench = (a: string, b: string): number => a.localeCompare(b, 'fr');

/** echo, GetListeTypes, GetListeSousTypes: i-Parapheur types and subtypes are our typologies (type / subtype). */
@Injectable()
export class CatalogOperations {
  constructor(private readonly typologies: TypologiesService) {}

  /** `[login] m'a dit: "<message>"!`, the answer i-Parapheur clients check their connection with. */
  echo(call: SoapCall): XmlNode {
    return el('echoResponse', `[${call.login}] m'a dit: "${textOf(call.request)}"!`);
  }

  async types(call: SoapCall): Promise<XmlNode> {
    const types = new Set((await this.active(call.auth)).map((t) => t.type));
    return el('GetListeTypesResponse', [...types].sort(byFrench).map((type) => el('TypeTechnique', type)));
  }

  async subtypes(call: SoapCall): Promise<XmlNode> {
    const type = textOf(call.request).trim();
    const subtypes = (await this.active(call.auth)).filter((t) => t.type === type).map((t) => t.subtype);
    if (subtypes.length === 0) throw new SoapRefusal(`Type technique « ${type} » inconnu.`);
    return el('GetListeSousTypesResponse', subtypes.sort(byFrench).map((subtype) => el('SousType', subtype)));
  }

  /** The active typology named type / subtype; a French refusal naming what is unknown. */
  async find(auth: AuthContext, type: string | undefined, subtype: string | undefined): Promise<TypologyDto> {
    if (!type) throw new SoapRefusal('Le type technique (TypeTechnique) est obligatoire.');
    if (!subtype) throw new SoapRefusal('Le sous-type (SousType) est obligatoire.');
    const ofType = (await this.active(auth)).filter((t) => t.type === type);
    if (ofType.length === 0) throw new SoapRefusal(`Type technique « ${type} » inconnu.`);
    const typology = ofType.find((t) => t.subtype === subtype);
    if (!typology) throw new SoapRefusal(`Sous-type « ${subtype} » inconnu pour le type technique « ${type} ».`);
    return typology;
  }

  private async active(auth: AuthContext): Promise<TypologyDto[]> {
    return (await this.typologies.list(auth)).filter((t) => t.active);
  }
}
