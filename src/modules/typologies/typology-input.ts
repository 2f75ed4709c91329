import type { WriteTypologyDto } from './dto/write-typology.dto';
import type { MetadataSchema } from './metadata-schema';
import { type RequiredAnnex, type StampDefaults, StampKind } from './typology-settings';
import type { TypologyValues } from './typologies.repository';

/** The stored form of a checked request: defaults applied, keys that do not apply to the stamp kind dropped. */
export function typologyValues(tenantId: string, input: WriteTypologyDto): TypologyValues {
  return {
    tenantId,
    type: input.type.trim(),
    subtype: input.subtype.trim(),
    circuitId: input.circuitId,
    level: input.level,
    stamp: stampOf(input.stamp),
    metadataSchema: schemaOf(input.metadataSchema),
    requiredAnnexes: (input.requiredAnnexes ?? []).map(annexOf),
    active: input.active ?? true,
  };
}

function size(stamp: { width?: number; height?: number }): { width?: number; height?: number } {
  return { ...(stamp.width !== undefined && { width: stamp.width }), ...(stamp.height !== undefined && { height: stamp.height }) };
}

function stampOf(stamp: WriteTypologyDto['stamp']): StampDefaults {
  if (!stamp || stamp.kind === StampKind.Auto) return { kind: StampKind.Auto, ...size(stamp ?? {}) };
  if (stamp.kind === StampKind.Tag) return { kind: StampKind.Tag, tag: stamp.tag ?? '', ...size(stamp) };
  return { kind: StampKind.Rect, page: stamp.page ?? -1, x: stamp.x ?? 0, y: stamp.y ?? 0, width: stamp.width ?? 0, height: stamp.height ?? 0 };
}

function schemaOf(schema: WriteTypologyDto['metadataSchema']): MetadataSchema {
  return {
    fields: (schema?.fields ?? []).map((field) => ({
      name: field.name,
      label: field.label.trim() || field.name,
      type: field.type,
      ...(field.required !== undefined && { required: field.required }),
      ...(field.values !== undefined && { values: [...field.values] }),
      ...(field.min !== undefined && { min: field.min }),
      ...(field.max !== undefined && { max: field.max }),
    })),
  };
}

function annexOf(annex: { name: string; description?: string }): RequiredAnnex {
  const description = annex.description?.trim();
  return { name: annex.name.trim(), ...(description && { description }) };
}
