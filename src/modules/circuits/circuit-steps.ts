/**
 * The steps of a circuit version (JSON in `circuit_versions.steps`), their integrity rules and the
 * one function that turns them into a folder's route. Pure: preview and folder start both call
 * `routeSteps`, so the preview always agrees with the real route.
 */
import type { FieldError } from '../../common/errors';
import { type Condition, describeCondition, evaluateCondition, type Metadata } from './condition';
import { checkCondition, checkConditionAgainstSchema, type ConditionSchemaField } from './condition-check';

/** Same values as the folders' StepKind (OpenAPI enum "StepKind"). */
export enum CircuitStepKind {
  Visa = 'visa',
  Signature = 'signature',
  Seal = 'seal',
}

/** Same values as the folders' Quorum (OpenAPI enum "Quorum"). */
export enum CircuitQuorum {
  Any = 'any',
  All = 'all',
}

export interface CircuitStep {
  kind: CircuitStepKind;
  /** Desks that act on the step; may be empty for a seal step only (the tenant seal needs no person). */
  deskIds: string[];
  quorum: CircuitQuorum;
  condition?: Condition;
  name?: string;
}

export const MAX_STEPS = 30;
export const MAX_DESKS_PER_STEP = 20;

/** A step as received (the DTO checked the types of kind, deskIds, quorum and name, not the condition). */
export interface IncomingStep {
  kind: CircuitStepKind;
  deskIds: string[];
  quorum: CircuitQuorum;
  condition?: unknown;
  name?: string;
}

/**
 * Integrity of a circuit's steps. `knownDeskIds`: which of the referenced desks exist in the tenant.
 * `schemas`: metadata schemas of typologies that use the circuit (conditions must fit each).
 */
export function checkSteps(steps: readonly IncomingStep[], knownDeskIds: ReadonlySet<string>, schemas: ReadonlyArray<{ label: string; fields: readonly ConditionSchemaField[] }> = []): FieldError[] {
  if (steps.length === 0) return [{ field: 'steps', message: 'Un circuit compte au moins une étape.' }];
  if (steps.length > MAX_STEPS) return [{ field: 'steps', message: `Un circuit compte au plus ${MAX_STEPS} étapes.` }];
  return steps.flatMap((step, i) =>
    checkStep(step, `steps.${i}`, knownDeskIds, schemas).map((error) => ({ field: error.field, message: `${stepLabel(step, i)} : ${error.message}` })));
}

const KIND_LABELS: Readonly<Record<CircuitStepKind, string>> = {
  [CircuitStepKind.Visa]: 'visa',
  [CircuitStepKind.Signature]: 'signature',
  [CircuitStepKind.Seal]: 'cachet',
};

/** « Étape 2 « Signature du maire » (signature) »: how people find the step in the editor. */
export function stepLabel(step: Pick<IncomingStep, 'kind' | 'name'>, index: number): string {
  const name = step.name?.trim();
  return `Étape ${index + 1}${name ? ` « ${name} »` : ''} (${KIND_LABELS[step.kind] ?? step.kind})`;
}

function checkStep(step: IncomingStep, at: string, known: ReadonlySet<string>, schemas: ReadonlyArray<{ label: string; fields: readonly ConditionSchemaField[] }>): FieldError[] {
  const errors: FieldError[] = [];
  if (step.deskIds.length === 0 && step.kind !== CircuitStepKind.Seal) {
    errors.push({ field: `${at}.deskIds`, message: 'étape vide : une étape de visa ou de signature désigne au moins un bureau.' });
  }
  if (step.deskIds.length > MAX_DESKS_PER_STEP) errors.push({ field: `${at}.deskIds`, message: `${MAX_DESKS_PER_STEP} bureaux au plus par étape.` });
  if (new Set(step.deskIds).size !== step.deskIds.length) errors.push({ field: `${at}.deskIds`, message: 'un même bureau y figure deux fois.' });
  step.deskIds.forEach((deskId, j) => {
    if (!known.has(deskId)) errors.push({ field: `${at}.deskIds.${j}`, message: `le bureau ${deskId} n’existe pas (ou plus) dans votre collectivité : choisissez un bureau de la liste.` });
  });
  if (step.condition !== undefined) errors.push(...checkStepCondition(step.condition, `${at}.condition`, schemas));
  return errors;
}

function checkStepCondition(condition: unknown, at: string, schemas: ReadonlyArray<{ label: string; fields: readonly ConditionSchemaField[] }>): FieldError[] {
  const shape = checkCondition(condition, at);
  if (shape.length > 0) return shape;
  return schemas.flatMap((schema) =>
    checkConditionAgainstSchema(condition as Condition, schema.fields, at).map((e) => ({ field: e.field, message: `${e.message} (typologie ${schema.label})` })),
  );
}

/** The stored form of checked steps: trimmed names, no empty optional keys. */
export function normalizeSteps(steps: readonly IncomingStep[]): CircuitStep[] {
  return steps.map((step) => {
    const name = step.name?.trim();
    return {
      kind: step.kind,
      deskIds: [...step.deskIds],
      quorum: step.quorum,
      ...(step.condition !== undefined && { condition: step.condition as Condition }),
      ...(name && { name }),
    };
  });
}

export interface RoutedStep {
  /** 1-based position in the circuit version, skipped steps counted. */
  position: number;
  kind: CircuitStepKind;
  deskIds: string[];
  quorum: CircuitQuorum;
  name?: string;
  /** false: the step's condition excludes it for this metadata (folders record it as skipped). */
  included: boolean;
  /** Why an excluded step is skipped, in French. */
  skippedReason?: string;
}

/** Every step of the version, in order, each included or skipped (with the reason) for this metadata. */
export function routeSteps(steps: readonly CircuitStep[], metadata: Metadata): RoutedStep[] {
  return steps.map((step, i) => {
    const included = step.condition === undefined || evaluateCondition(step.condition, metadata);
    return {
      position: i + 1,
      kind: step.kind,
      deskIds: [...step.deskIds],
      quorum: step.quorum,
      ...(step.name !== undefined && { name: step.name }),
      included,
      ...(!included && step.condition && { skippedReason: `Condition non remplie : ${describeCondition(step.condition)}.` }),
    };
  });
}
