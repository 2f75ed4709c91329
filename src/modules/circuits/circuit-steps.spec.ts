import { CircuitQuorum as Q, CircuitStepKind as K, checkSteps, type IncomingStep, normalizeSteps, routeSteps } from './circuit-steps';
import { ConditionOperator } from './condition';

const DGS = '11111111-1111-4111-8111-111111111111';
const MAIRE = '22222222-2222-4222-8222-222222222222';
const ADJOINT = '33333333-3333-4333-8333-333333333333';
const GHOST = '44444444-4444-4444-8444-444444444444';
const KNOWN = new Set([DGS, MAIRE, ADJOINT]);

const big = { field: 'montant', op: ConditionOperator.Gte, value: 5000 };
const steps: IncomingStep[] = [
  { kind: K.Visa, deskIds: [DGS], quorum: Q.Any, name: ' Visa DGS ' },
  { kind: K.Signature, deskIds: [ADJOINT], quorum: Q.Any, condition: big, name: 'Adjoint aux finances' },
  { kind: K.Signature, deskIds: [MAIRE], quorum: Q.All },
  { kind: K.Seal, deskIds: [], quorum: Q.Any },
];

describe('checkSteps', () => {
  it('accepts a sound circuit, a seal step without desks included', () => {
    expect(checkSteps(steps, KNOWN)).toEqual([]);
  });

  it('needs at least one step', () => {
    expect(checkSteps([], KNOWN)).toEqual([{ field: 'steps', message: 'Un circuit compte au moins une étape.' }]);
  });

  it('needs a desk on visa and signature steps, known and not repeated', () => {
    const errors = checkSteps([
      { kind: K.Visa, deskIds: [], quorum: Q.Any },
      { kind: K.Signature, deskIds: [MAIRE, GHOST, MAIRE], quorum: Q.All },
    ], KNOWN);
    expect(errors).toEqual([
      { field: 'steps.0.deskIds', message: 'Étape 1 (visa) : étape vide : une étape de visa ou de signature désigne au moins un bureau.' },
      { field: 'steps.1.deskIds', message: 'Étape 2 (signature) : un même bureau y figure deux fois.' },
      { field: 'steps.1.deskIds.1', message: `Étape 2 (signature) : le bureau ${GHOST} n’existe pas (ou plus) dans votre collectivité : choisissez un bureau de la liste.` },
    ]);
  });

  it('reports malformed conditions with their path', () => {
    expect(checkSteps([{ kind: K.Visa, deskIds: [DGS], quorum: Q.Any, condition: { all: [{ field: 'montant', op: 'gte' }] } }], KNOWN))
      .toEqual([{ field: 'steps.0.condition.all.0.value', message: expect.any(String) }]);
  });

  it('checks conditions against the schemas of the typologies using the circuit', () => {
    const schemas = [{ label: 'Finances / Mandats', fields: [{ name: 'objet', type: 'string' as const }] }];
    expect(checkSteps(steps, KNOWN, schemas)).toEqual([
      { field: 'steps.1.condition.field', message: expect.stringMatching(/« montant » inconnu .*\(typologie Finances \/ Mandats\)$/) },
    ]);
  });
});

describe('normalizeSteps', () => {
  it('trims names and drops empty optional keys', () => {
    expect(normalizeSteps([{ kind: K.Visa, deskIds: [DGS], quorum: Q.Any, name: '  ' }, steps[0]])).toEqual([
      { kind: K.Visa, deskIds: [DGS], quorum: Q.Any },
      { kind: K.Visa, deskIds: [DGS], quorum: Q.Any, name: 'Visa DGS' },
    ]);
  });
});

describe('routeSteps', () => {
  const stored = normalizeSteps(steps);

  it('includes the conditional step for montant = 12000', () => {
    expect(routeSteps(stored, { montant: 12000 }).map((s) => [s.position, s.included])).toEqual([[1, true], [2, true], [3, true], [4, true]]);
  });

  it('skips it for montant = 300, with the reason, keeping the positions', () => {
    const route = routeSteps(stored, { montant: 300 });
    expect(route[1]).toEqual({
      position: 2, kind: K.Signature, deskIds: [ADJOINT], quorum: Q.Any, name: 'Adjoint aux finances', included: false,
      skippedReason: 'Condition non remplie : montant ≥ 5000.',
    });
    expect(route.filter((s) => s.included).map((s) => s.position)).toEqual([1, 3, 4]);
  });

  it('skips it when the field is missing', () => {
    expect(routeSteps(stored, {})[1].included).toBe(false);
  });
});
