import type { MetadataField, Typology } from '../api/types';

/** The form fields a typology asks for. */
export function fieldsOf(typology: Typology | undefined): MetadataField[] {
  return typology?.metadataSchema?.fields ?? [];
}

/** Form strings → the typed values the typology expects; empty optional fields are left out. */
export function toMetadata(fields: MetadataField[], values: Record<string, string>): Record<string, unknown> {
  const metadata: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = values[field.name] ?? '';
    if (field.type === 'boolean') metadata[field.name] = raw === 'true';
    else if (raw === '') continue;
    else if (field.type === 'number') metadata[field.name] = Number(raw.replace(',', '.'));
    else metadata[field.name] = raw;
  }
  return metadata;
}
