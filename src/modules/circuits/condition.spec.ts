import { type Condition, ConditionOperator as Op, conditionFields, describeCondition, evaluateCondition, type FieldCondition, toTime } from './condition';
import { checkCondition, checkConditionAgainstSchema, type ConditionSchemaField, MAX_CONDITION_DEPTH } from './condition-check';

const leaf = (field: string, op: Op, value?: FieldCondition['value']): FieldCondition => (value === undefined ? { field, op } : { field, op, value });

describe('evaluateCondition', () => {
  describe('numbers', () => {
    it.each([
      [Op.Gte, 5000, 12000, true], [Op.Gte, 5000, 5000, true], [Op.Gte, 5000, 300, false],
      [Op.Gt, 5000, 5000, false], [Op.Gt, 5000, 5001, true],
      [Op.Lt, 5000, 4999.99, true], [Op.Lt, 5000, 5000, false],
      [Op.Lte, 5000, 5000, true], [Op.Lte, 5000, 5000.01, false],
      [Op.Eq, 5000, 5000, true], [Op.Eq, 5000, 5001, false],
      [Op.Ne, 5000, 5001, true], [Op.Ne, 5000, 5000, false],
    ])('montant %s %d with %d → %s', (op, value, actual, expected) => {
      expect(evaluateCondition(leaf('montant', op, value), { montant: actual })).toBe(expected);
    });

    it('reads numeric strings (multipart forms), with a dot or a French comma', () => {
      expect(evaluateCondition(leaf('montant', Op.Gte, 5000), { montant: '12000' })).toBe(true);
      expect(evaluateCondition(leaf('montant', Op.Gte, 5000), { montant: ' 300 ' })).toBe(false);
      expect(evaluateCondition(leaf('montant', Op.Gt, 5000), { montant: '5000,50' })).toBe(true);
      expect(evaluateCondition(leaf('montant', Op.Eq, 5000.5), { montant: '5000.5' })).toBe(true);
      expect(evaluateCondition(leaf('montant', Op.Eq, '5000'), { montant: 5000 })).toBe(true);
    });

    it('is false when the value is not numeric, whatever the operator (ne included)', () => {
      for (const op of [Op.Eq, Op.Ne, Op.Gt, Op.Gte, Op.Lt, Op.Lte]) {
        expect(evaluateCondition(leaf('montant', op, 5000), { montant: 'beaucoup' })).toBe(op === Op.Ne);
      }
      expect(evaluateCondition(leaf('montant', Op.Gt, 5000), { montant: true })).toBe(false);
      expect(evaluateCondition(leaf('montant', Op.Gt, 5000), { montant: '12 000' })).toBe(false);
    });
  });

  describe('dates', () => {
    it('compares ISO dates and date-times by instant', () => {
      const after = leaf('echeance', Op.Gt, '2026-06-30');
      expect(evaluateCondition(after, { echeance: '2026-07-01' })).toBe(true);
      expect(evaluateCondition(after, { echeance: '2026-06-30' })).toBe(false);
      expect(evaluateCondition(after, { echeance: '2026-06-30T10:00:00Z' })).toBe(true);
      expect(evaluateCondition(leaf('echeance', Op.Lte, '2026-06-30T12:00:00+02:00'), { echeance: '2026-06-30T10:00:00Z' })).toBe(true);
      expect(evaluateCondition(leaf('echeance', Op.Eq, '2026-06-30'), { echeance: '2026-06-30T00:00:00.000Z' })).toBe(true);
    });

    it('refuses impossible calendar dates and non-ISO forms', () => {
      expect(toTime('2026-02-30')).toBeUndefined();
      expect(toTime('30/06/2026')).toBeUndefined();
      expect(toTime('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
      expect(evaluateCondition(leaf('echeance', Op.Gt, '2026-01-01'), { echeance: '30/06/2026' })).toBe(false);
    });
  });

  describe('strings, enums and booleans', () => {
    it('compares strings exactly (case-sensitive), without ordering them', () => {
      expect(evaluateCondition(leaf('service', Op.Eq, 'Finances'), { service: 'Finances' })).toBe(true);
      expect(evaluateCondition(leaf('service', Op.Eq, 'Finances'), { service: 'finances' })).toBe(false);
      expect(evaluateCondition(leaf('service', Op.Ne, 'Finances'), { service: 'RH' })).toBe(true);
      expect(evaluateCondition(leaf('service', Op.Gt, 'A'), { service: 'B' })).toBe(false);
    });

    it('does not read numeric-looking codes as numbers when both sides are strings', () => {
      expect(evaluateCondition(leaf('code', Op.Eq, '007'), { code: '7' })).toBe(false);
      expect(evaluateCondition(leaf('code', Op.Eq, '007'), { code: '007' })).toBe(true);
    });

    it('matches `in` against any listed value, typed', () => {
      const inList = leaf('service', Op.In, ['Finances', 'RH']);
      expect(evaluateCondition(inList, { service: 'RH' })).toBe(true);
      expect(evaluateCondition(inList, { service: 'Voirie' })).toBe(false);
      expect(evaluateCondition(leaf('n', Op.In, [1, 2, 3]), { n: '2' })).toBe(true);
    });

    it('reads booleans and "true"/"false" strings', () => {
      expect(evaluateCondition(leaf('urgent', Op.Eq, true), { urgent: true })).toBe(true);
      expect(evaluateCondition(leaf('urgent', Op.Eq, true), { urgent: 'true' })).toBe(true);
      expect(evaluateCondition(leaf('urgent', Op.Eq, true), { urgent: 'oui' })).toBe(false);
      expect(evaluateCondition(leaf('urgent', Op.Ne, true), { urgent: false })).toBe(true);
      expect(evaluateCondition(leaf('urgent', Op.Eq, true), { urgent: 1 })).toBe(false);
    });
  });

  describe('missing fields', () => {
    it.each([[{}], [{ montant: null }], [{ montant: '' }]])('every comparison is false on %j, only exists tells', (metadata) => {
      for (const op of [Op.Eq, Op.Ne, Op.Gt, Op.Gte, Op.Lt, Op.Lte]) expect(evaluateCondition(leaf('montant', op, 1), metadata)).toBe(false);
      expect(evaluateCondition(leaf('montant', Op.In, [1]), metadata)).toBe(false);
      expect(evaluateCondition(leaf('montant', Op.Exists), metadata)).toBe(false);
      expect(evaluateCondition({ not: leaf('montant', Op.Eq, 1) }, metadata)).toBe(true);
    });

    it('exists is true for any present value, zero and false included', () => {
      expect(evaluateCondition(leaf('x', Op.Exists), { x: 0 })).toBe(true);
      expect(evaluateCondition(leaf('x', Op.Exists), { x: false })).toBe(true);
    });

    it('never reads inherited properties', () => {
      expect(evaluateCondition(leaf('constructor', Op.Exists), {})).toBe(false);
      expect(evaluateCondition(leaf('toString', Op.Ne, 'x'), {})).toBe(false);
    });
  });

  describe('combinators', () => {
    const big = leaf('montant', Op.Gte, 5000);
    const finances = leaf('service', Op.Eq, 'Finances');

    it('all is a conjunction, any a disjunction, not a negation', () => {
      const metadata = { montant: 12000, service: 'RH' };
      expect(evaluateCondition({ all: [big, finances] }, metadata)).toBe(false);
      expect(evaluateCondition({ any: [big, finances] }, metadata)).toBe(true);
      expect(evaluateCondition({ not: finances }, metadata)).toBe(true);
      expect(evaluateCondition({ all: [big, { not: finances }] }, metadata)).toBe(true);
      expect(evaluateCondition({ any: [{ all: [finances] }, { not: big }] }, metadata)).toBe(false);
    });

    it('lists the fields read and describes the condition in French', () => {
      const condition: Condition = { all: [big, { any: [finances, leaf('urgent', Op.Exists)] }, { not: leaf('code', Op.In, ['A', 'B']) }] };
      expect(conditionFields(condition)).toEqual(['montant', 'service', 'urgent', 'code']);
      expect(describeCondition(condition)).toBe('montant ≥ 5000 et (service = « Finances » ou urgent renseigné) et non (code parmi « A », « B »)');
    });
  });
});

describe('checkCondition', () => {
  it('accepts every well-formed shape', () => {
    const condition = { all: [{ field: 'montant', op: 'gte', value: 5000 }, { any: [{ field: 'x', op: 'exists' }, { not: { field: 'd', op: 'lt', value: '2026-01-01' } }] }, { field: 's', op: 'in', value: ['a', 1, true] }] };
    expect(checkCondition(condition, 'condition')).toEqual([]);
  });

  it.each([
    ['not an object', 'montant >= 5000', 'condition'],
    ['an array', [{ field: 'x', op: 'exists' }], 'condition'],
    ['two combinators', { all: [{ field: 'x', op: 'exists' }], any: [{ field: 'x', op: 'exists' }] }, 'condition'],
    ['an unknown key', { some: [] }, 'condition'],
    ['an empty list', { all: [] }, 'condition.all'],
    ['a non-list all', { any: { field: 'x', op: 'exists' } }, 'condition.any'],
    ['a bad nested item', { all: [{ field: 'x', op: 'exists' }, 3] }, 'condition.all.1'],
    ['a bad not', { not: {} }, 'condition.not'],
    ['a missing field', { op: 'eq', value: 1 }, 'condition.field'],
    ['a bad field name', { field: '1montant', op: 'eq', value: 1 }, 'condition.field'],
    ['a dotted field name', { field: 'a.b', op: 'eq', value: 1 }, 'condition.field'],
    ['an unknown operator', { field: 'x', op: 'like', value: 'a' }, 'condition.op'],
    ['an extra key in a leaf', { field: 'x', op: 'eq', value: 1, code: 'return 1' }, 'condition'],
    ['a missing value', { field: 'x', op: 'eq' }, 'condition.value'],
    ['an object value', { field: 'x', op: 'eq', value: { a: 1 } }, 'condition.value'],
    ['a non-finite value', { field: 'x', op: 'eq', value: Number.POSITIVE_INFINITY }, 'condition.value'],
    ['a value with exists', { field: 'x', op: 'exists', value: true }, 'condition.value'],
    ['an empty in list', { field: 'x', op: 'in', value: [] }, 'condition.value'],
    ['a scalar in value', { field: 'x', op: 'in', value: 'a' }, 'condition.value'],
    ['a text ordering', { field: 'x', op: 'gt', value: 'B' }, 'condition.value'],
    ['a boolean ordering', { field: 'x', op: 'lte', value: true }, 'condition.value'],
  ])('refuses %s, naming the path', (_label, input, path) => {
    const errors = checkCondition(input, 'condition');
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe(path);
    expect(errors[0].message).toMatch(/[a-zé]/);
  });

  it('limits nesting depth', () => {
    let deep: unknown = { field: 'x', op: 'exists' };
    for (let i = 0; i < MAX_CONDITION_DEPTH; i += 1) deep = { not: deep };
    expect(checkCondition(deep, 'c')[0].message).toMatch(/imbriquée/);
  });

  it('reports every wrong item of a list', () => {
    expect(checkCondition({ any: [{ field: 'x', op: 'eq' }, { field: 'y', op: 'nope' }] }, 'c').map((e) => e.field)).toEqual(['c.any.0.value', 'c.any.1.op']);
  });
});

describe('checkConditionAgainstSchema', () => {
  const fields: ConditionSchemaField[] = [
    { name: 'montant', type: 'number' },
    { name: 'echeance', type: 'date' },
    { name: 'service', type: 'enum', values: ['Finances', 'RH'] },
    { name: 'objet', type: 'string' },
    { name: 'urgent', type: 'boolean' },
  ];
  const check = (condition: Condition) => checkConditionAgainstSchema(condition, fields, 'steps.1.condition');

  it('accepts conditions that suit the fields', () => {
    expect(check({ all: [leaf('montant', Op.Gte, 5000), leaf('echeance', Op.Lt, '2026-12-31'), leaf('service', Op.In, ['RH']), leaf('urgent', Op.Eq, true), leaf('objet', Op.Exists), leaf('montant', Op.Eq, '100')] })).toEqual([]);
  });

  it('refuses an unknown field, with its path', () => {
    expect(check({ any: [leaf('montant', Op.Gt, 1), { not: leaf('inconnu', Op.Exists) }] })).toEqual([
      { field: 'steps.1.condition.any.1.not.field', message: expect.stringContaining('« inconnu » inconnu') },
    ]);
  });

  it('refuses an ordering on text, enum or boolean fields', () => {
    expect(check(leaf('service', Op.Gt, 3))[0].field).toBe('steps.1.condition.op');
    expect(check(leaf('objet', Op.Lte, '2026-01-01'))[0].field).toBe('steps.1.condition.op');
  });

  it('refuses values that the field could never hold', () => {
    expect(check(leaf('service', Op.Eq, 'Voirie'))[0]).toEqual({ field: 'steps.1.condition.value', message: expect.stringContaining('« Finances », « RH »') });
    expect(check(leaf('montant', Op.Eq, 'cent'))).toHaveLength(1);
    expect(check(leaf('echeance', Op.Eq, 'demain'))).toHaveLength(1);
    expect(check(leaf('urgent', Op.Eq, 'oui'))).toHaveLength(1);
    expect(check(leaf('objet', Op.Eq, 3))).toHaveLength(1);
    expect(check(leaf('service', Op.In, ['RH', 'Voirie']))).toHaveLength(1);
  });
});
