import type { MetadataField } from '../api/types';
import { fr } from '../i18n/fr';

interface Props {
  fields: MetadataField[];
  values: Record<string, string>;
  onChange: (name: string, value: string) => void;
}

function inputType(field: MetadataField): string {
  if (field.type === 'date') return 'date';
  if (field.type === 'number') return 'number';
  return 'text';
}

/** The metadata form a typology's schema asks for. */
export function MetadataFields({ fields, values, onChange }: Props) {
  return (
    <>
      {fields.map((field) => (
        <label key={field.name} class="field">
          <span>{field.label}{field.required && ' *'}</span>
          {field.type === 'boolean' ? (
            <select name={field.name} value={values[field.name] ?? 'false'} onChange={(e) => onChange(field.name, e.currentTarget.value)}>
              <option value="false">{fr.create.no}</option>
              <option value="true">{fr.create.yes}</option>
            </select>
          ) : field.type === 'enum' ? (
            <select name={field.name} value={values[field.name] ?? ''} required={field.required} onChange={(e) => onChange(field.name, e.currentTarget.value)}>
              <option value="" />
              {(field.values ?? []).map((option) => <option key={option} value={option}>{option}</option>)}
            </select>
          ) : (
            <input
              name={field.name}
              type={inputType(field)}
              step={field.type === 'number' ? 'any' : undefined}
              min={field.type === 'number' ? field.min : undefined}
              max={field.type === 'number' ? field.max : undefined}
              required={field.required}
              value={values[field.name] ?? ''}
              onInput={(e) => onChange(field.name, e.currentTarget.value)}
            />
          )}
        </label>
      ))}
    </>
  );
}
