import { checkMetadataSchema, MetadataFieldType as T, type MetadataSchema, validateMetadata } from './metadata-schema';

const schema: MetadataSchema = {
  fields: [
    { name: 'montant', label: 'Montant', type: T.Number, required: true, min: 0, max: 1_000_000 },
    { name: 'objet', label: 'Objet', type: T.String, min: 3, max: 20 },
    { name: 'echeance', label: 'Échéance', type: T.Date },
    { name: 'service', label: 'Service', type: T.Enum, values: ['Finances', 'RH'] },
    { name: 'urgent', label: 'Urgent', type: T.Boolean },
  ],
};

const fieldsOf = (metadata: unknown) => validateMetadata(schema, metadata).errors.map((e) => e.field);

describe('validateMetadata', () => {
  it('accepts valid JSON metadata and returns it typed', () => {
    expect(validateMetadata(schema, { montant: 12000, objet: 'Voirie', echeance: '2026-06-30', service: 'RH', urgent: false })).toEqual({
      errors: [],
      values: { montant: 12000, objet: 'Voirie', echeance: '2026-06-30', service: 'RH', urgent: false },
    });
  });

  it('coerces form strings: numbers (dot or comma) and booleans', () => {
    expect(validateMetadata(schema, { montant: '12000,50', urgent: 'true', echeance: '2026-06-30T09:00:00+02:00' }).values).toEqual({
      montant: 12000.5, urgent: true, echeance: '2026-06-30T09:00:00+02:00',
    });
  });

  it('leaves out optional fields not filled (absent, null or empty)', () => {
    expect(validateMetadata(schema, { montant: 1, objet: '', service: null })).toEqual({ errors: [], values: { montant: 1 } });
  });

  it('requires required fields, whether absent, null or empty', () => {
    for (const metadata of [{}, { montant: null }, { montant: '' }]) {
      expect(validateMetadata(schema, metadata).errors).toEqual([{ field: 'metadata.montant', message: '« Montant » est obligatoire.' }]);
    }
  });

  it('names each wrong field with a French message and returns no values', () => {
    const result = validateMetadata(schema, { montant: 'douze mille', objet: 42, echeance: '30/06/2026', service: 'Voirie', urgent: 'oui', extra: 1 });
    expect(result.values).toEqual({});
    expect(result.errors.map((e) => e.field).sort()).toEqual(['metadata.echeance', 'metadata.extra', 'metadata.montant', 'metadata.objet', 'metadata.service', 'metadata.urgent']);
    expect(result.errors.find((e) => e.field === 'metadata.service')?.message).toBe('« Service » doit valoir l’une de ces valeurs : « Finances », « RH ».');
    expect(result.errors.find((e) => e.field === 'metadata.extra')?.message).toMatch(/inconnu/);
  });

  it('applies min and max to numbers (value) and strings (length)', () => {
    expect(fieldsOf({ montant: -1 })).toEqual(['metadata.montant']);
    expect(fieldsOf({ montant: 1_000_001 })).toEqual(['metadata.montant']);
    expect(fieldsOf({ montant: 0, objet: 'ab' })).toEqual(['metadata.objet']);
    expect(fieldsOf({ montant: 1_000_000, objet: 'x'.repeat(21) })).toEqual(['metadata.objet']);
    expect(fieldsOf({ montant: 1_000_000, objet: 'abc' })).toEqual([]);
  });

  it('refuses booleans as numbers, impossible dates, and enum values of another case', () => {
    expect(fieldsOf({ montant: true })).toEqual(['metadata.montant']);
    expect(fieldsOf({ montant: 1, echeance: '2026-02-30' })).toEqual(['metadata.echeance']);
    expect(fieldsOf({ montant: 1, service: 'rh' })).toEqual(['metadata.service']);
  });

  it('refuses text holding a NUL character (PostgreSQL cannot store it)', () => {
    expect(validateMetadata(schema, { montant: 1, objet: 'abc\u0000' }).errors).toEqual([{ field: 'metadata.objet', message: expect.stringContaining('NUL') }]);
  });

  it('refuses metadata that is not an object', () => {
    for (const metadata of [null, [], 'montant=1', 3]) expect(fieldsOf(metadata)).toEqual(['metadata']);
  });

  it('never reads inherited properties as values', () => {
    expect(fieldsOf(Object.create({ montant: 5 }))).toEqual(['metadata.montant']);
  });
});

describe('checkMetadataSchema', () => {
  it('accepts a sound schema', () => {
    expect(checkMetadataSchema(schema)).toEqual([]);
  });

  it('refuses duplicate or malformed names, enums without values, misplaced values or bounds, and min > max', () => {
    const errors = checkMetadataSchema({
      fields: [
        { name: 'a', label: 'A', type: T.Number, min: 5, max: 1 },
        { name: 'a', label: 'A bis', type: T.String },
        { name: 'mont ant', label: 'M', type: T.Number },
        { name: 'e', label: 'E', type: T.Enum, values: [] },
        { name: 'f', label: 'F', type: T.Enum, values: ['x', 'x'] },
        { name: 'g', label: 'G', type: T.String, values: ['x'] },
        { name: 'h', label: 'H', type: T.Date, min: 1 },
      ],
    });
    expect(errors.map((e) => e.field)).toEqual([
      'metadataSchema.fields.0.max',
      'metadataSchema.fields.1.name',
      'metadataSchema.fields.2.name',
      'metadataSchema.fields.3.values',
      'metadataSchema.fields.4.values',
      'metadataSchema.fields.5.values',
      'metadataSchema.fields.6.min',
    ]);
  });
});
