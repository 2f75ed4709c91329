import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../../common/auth';
import type { FieldError } from '../../common/errors';
import { AuditService } from '../audit/audit.service';
import { CircuitsService } from '../circuits/circuits.service';
import { refuseNulCharacters } from '../circuits/stored-text';
import { TypologyDto } from './dto/typology.dto';
import type { WriteTypologyDto } from './dto/write-typology.dto';
import { checkMetadataSchema, type CoercedMetadata, type MetadataSchema, validateMetadata } from './metadata-schema';
import { typologyValues } from './typology-input';
import type { RequiredAnnex, SignatureLevel, StampDefaults } from './typology-settings';
import type { Typology } from './typology.entity';
import { TypologiesRepository, type TypologyValues } from './typologies.repository';
import { isUniqueViolation, TypologyError, TypologyErrorCode, typologyNotFound, typologyTaken } from './typologies.errors';

/** What folders need from a typology. */
export interface FolderTypologyView {
  id: string;
  type: string;
  subtype: string;
  circuitId: string;
  level: SignatureLevel;
  stamp: StampDefaults;
  metadataSchema: MetadataSchema;
  /** Labels a folder's annexes must include (what folders match, case-insensitively). */
  requiredAnnexes: string[];
  /** The same annexes with their descriptions, for people. */
  requiredAnnexDetails: RequiredAnnex[];
}

@Injectable()
export class TypologiesService {
  constructor(
    private readonly typologies: TypologiesRepository,
    private readonly circuits: CircuitsService,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: AuthContext): Promise<TypologyDto[]> {
    return (await this.typologies.list(ctx.tenantId)).map(TypologyDto.from);
  }

  async get(ctx: AuthContext, id: string): Promise<TypologyDto> {
    return TypologyDto.from(await this.owned(ctx, id));
  }

  async create(ctx: AuthContext, input: WriteTypologyDto): Promise<TypologyDto> {
    const values = await this.checked(ctx, input);
    if (await this.typologies.findByName(ctx.tenantId, values.type, values.subtype)) throw typologyTaken(values.type, values.subtype);
    return TypologyDto.from(await this.saving(values, () => this.typologies.transaction(async (manager) => {
      const created = await this.typologies.insert(values, manager);
      await this.audited(manager, ctx, 'typology.created', created);
      return created;
    })));
  }

  /** Replaces every setting; folders already started keep their circuit version. */
  async update(ctx: AuthContext, id: string, input: WriteTypologyDto): Promise<TypologyDto> {
    const typology = await this.owned(ctx, id);
    const values = await this.checked(ctx, input);
    const same = await this.typologies.findByName(ctx.tenantId, values.type, values.subtype);
    if (same && same.id !== id) throw typologyTaken(values.type, values.subtype);
    return TypologyDto.from(await this.saving(values, () => this.typologies.transaction(async (manager) => {
      const updated = await this.typologies.update(typology, values, manager);
      await this.audited(manager, ctx, 'typology.updated', updated);
      return updated;
    })));
  }

  /** Deletes a typology no folder uses; one in use can only be deactivated (active: false). */
  async remove(ctx: AuthContext, id: string): Promise<void> {
    const typology = await this.owned(ctx, id);
    if (await this.typologies.usedByFolders(ctx.tenantId, id)) {
      throw new TypologyError(TypologyErrorCode.InUse, 'Des dossiers utilisent cette typologie : désactivez-la (« active »: false) au lieu de la supprimer.');
    }
    await this.typologies.transaction(async (manager) => {
      await this.typologies.delete(ctx.tenantId, id, manager);
      await this.audited(manager, ctx, 'typology.deleted', typology);
    });
  }

  private audited(manager: EntityManager, ctx: AuthContext, action: string, typology: Typology): Promise<void> {
    return this.audit.append(manager, ctx, {
      action,
      payload: { typologyId: typology.id, type: typology.type, subtype: typology.subtype, circuitId: typology.circuitId, level: typology.level, active: typology.active },
    });
  }

  /** For folders: the typology's settings. 404 when unknown or foreign, 422 when deactivated. */
  async getForFolder(ctx: AuthContext, typologyId: string): Promise<FolderTypologyView> {
    const typology = await this.owned(ctx, typologyId);
    if (!typology.active) {
      throw new TypologyError(TypologyErrorCode.Inactive, `La typologie « ${typology.type} / ${typology.subtype} » est désactivée : choisissez-en une autre ou réactivez-la.`);
    }
    return {
      id: typology.id,
      type: typology.type,
      subtype: typology.subtype,
      circuitId: typology.circuitId,
      level: typology.level,
      stamp: typology.stamp,
      metadataSchema: typology.metadataSchema,
      requiredAnnexes: typology.requiredAnnexes.map((annex) => annex.name),
      requiredAnnexDetails: typology.requiredAnnexes,
    };
  }

  /**
   * For folders: checks the metadata against the typology's schema and returns it coerced (numbers and
   * booleans from form strings). 404 unknown typology; 422 `typology-metadata-invalid` with one error per field.
   */
  async validateFolderMetadata(ctx: AuthContext, typologyId: string, metadata: unknown): Promise<CoercedMetadata> {
    const typology = await this.owned(ctx, typologyId);
    const { errors, values } = validateMetadata(typology.metadataSchema, metadata);
    if (errors.length > 0) {
      throw new TypologyError(TypologyErrorCode.MetadataInvalid, `Métadonnées invalides pour la typologie « ${typology.type} / ${typology.subtype} » : corrigez les champs listés dans « errors ».`, errors);
    }
    return values;
  }

  /**
   * For signing: the level and default stamp placement of a typology, read with the caller's
   * `manager` (inside its transaction). Null when the typology is not the tenant's. Deactivated
   * typologies still answer: folders already under way keep signing with their settings.
   */
  async signingDefaults(manager: EntityManager, tenantId: string, typologyId: string): Promise<{ level: SignatureLevel; stamp: StampDefaults } | null> {
    const typology = await this.typologies.findWith(manager, tenantId, typologyId);
    return typology && { level: typology.level, stamp: typology.stamp };
  }

  private async checked(ctx: AuthContext, input: WriteTypologyDto): Promise<TypologyValues> {
    refuseNulCharacters(input);
    const values = typologyValues(ctx.tenantId, input);
    const errors: FieldError[] = [
      ...(values.type ? [] : [{ field: 'type', message: 'Le type ne peut pas être vide.' }]),
      ...(values.subtype ? [] : [{ field: 'subtype', message: 'Le sous-type ne peut pas être vide.' }]),
      ...checkMetadataSchema(values.metadataSchema),
    ];
    if (errors.length === 0) errors.push(...(await this.circuits.checkFitsSchema(ctx, values.circuitId, values.metadataSchema.fields)));
    else await this.circuits.get(ctx, values.circuitId);
    if (errors.length > 0) throw new TypologyError(TypologyErrorCode.Invalid, 'La typologie est incohérente : corrigez les champs listés dans « errors ».', errors);
    return values;
  }

  private async saving(values: TypologyValues, save: () => Promise<Typology>): Promise<Typology> {
    try {
      return await save();
    } catch (error) {
      if (isUniqueViolation(error)) throw typologyTaken(values.type, values.subtype);
      throw error;
    }
  }

  private async owned(ctx: AuthContext, id: string): Promise<Typology> {
    const typology = await this.typologies.find(ctx.tenantId, id);
    if (!typology) throw typologyNotFound(id);
    return typology;
  }
}
