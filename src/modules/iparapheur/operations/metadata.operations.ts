import { Injectable } from '@nestjs/common';
import { CircuitStepKind } from '../../circuits/circuit-steps';
import { CircuitsService } from '../../circuits/circuits.service';
import { type MetadataField, MetadataFieldType } from '../../typologies/metadata-schema';
import { TypologiesService } from '../../typologies/typologies.service';
import { DesksService } from '../../users/desks.service';
import type { SoapCall } from '../soap/soap-call';
import { childText, el, type XmlNode } from '../soap/xml';
import { CatalogOperations } from './catalog.operations';

const NATURE: Record<MetadataFieldType, string> = {
  [MetadataFieldType.String]: 'STRING',
  [MetadataFieldType.Enum]: 'STRING',
  [MetadataFieldType.Number]: 'FLOAT',
  [MetadataFieldType.Date]: 'DATE',
  [MetadataFieldType.Boolean]: 'BOOLEAN',
};

const ROLE: Record<CircuitStepKind, string> = {
  [CircuitStepKind.Visa]: 'VISEUR',
  [CircuitStepKind.Signature]: 'SIGNATAIRE',
  [CircuitStepKind.Seal]: 'CACHET',
};

function definition(field: MetadataField, withRequirement: boolean): XmlNode {
  return el('MetaDonnee', [
    el('nomCourt', field.name),
    el('nomLong', field.label),
    el('nature', NATURE[field.type]),
    ...(withRequirement ? [el('obligatoire', field.required ? 'true' : 'false'), ...(field.values ?? []).map((value) => el('valeurPossible', value))] : []),
  ]);
}

/** GetListeMetaDonnees, GetMetaDonneesRequisesPourTypeSoustype and GetCircuit: read from the typologies and their circuits. */
@Injectable()
export class MetadataOperations {
  constructor(
    private readonly catalog: CatalogOperations,
    private readonly typologies: TypologiesService,
    private readonly circuits: CircuitsService,
    private readonly desks: DesksService,
  ) {}

  /** Every metadata field of the tenant's active typologies, once per name (the first definition wins). */
  async list(call: SoapCall): Promise<XmlNode> {
    const fields = new Map<string, MetadataField>();
    for (const typology of (await this.typologies.list(call.auth)).filter((t) => t.active)) {
      for (const field of typology.metadataSchema.fields) if (!fields.has(field.name)) fields.set(field.name, field);
    }
    return el('GetListeMetaDonneesResponse', [...fields.values()].map((field) => definition(field, false)));
  }

  async required(call: SoapCall): Promise<XmlNode> {
    const typology = await this.catalog.find(call.auth, childText(call.request, 'TypeTechnique'), childText(call.request, 'SousType'));
    return el('GetMetaDonneesRequisesPourTypeSoustypeResponse', typology.metadataSchema.fields.map((field) => definition(field, true)));
  }

  /** The typology's current circuit: one EtapeCircuit per step, `Parapheur` naming its desk(s). */
  async circuit(call: SoapCall): Promise<XmlNode> {
    const typology = await this.catalog.find(call.auth, childText(call.request, 'TypeTechnique'), childText(call.request, 'SousType'));
    const circuit = await this.circuits.get(call.auth, typology.circuitId);
    const deskNames = new Map((await this.desks.list(call.auth)).map((desk) => [desk.id, desk.name]));
    return el('GetCircuitResponse', circuit.steps.map((step) => el('EtapeCircuit', [
      el('Parapheur', step.deskIds.map((id) => deskNames.get(id) ?? id).join(', ') || 'Cachet de la collectivité'),
      el('Prenom', ''),
      el('Nom', step.name ?? ''),
      el('Role', ROLE[step.kind]),
    ])));
  }
}
