import { StepKind } from '../../folders/folder-state-machine';
import { type HistoryEvent, toLogEntry } from './histo-status';

const at = '2026-11-23T10:00:00.000Z';
const event = (action: string, payload: Record<string, unknown> = {}, actorName?: string): HistoryEvent => ({ at, action, actorName, payload });
const kinds = new Map([[1, StepKind.Visa], [2, StepKind.Signature], [3, StepKind.Seal]]);
const status = (e: HistoryEvent) => toLogEntry(e, kinds, 'Parapheur')?.status ?? null;

describe('i-Parapheur statuses from the audit trail', () => {
  it('maps the circuit events', () => {
    expect([
      event('folder.created'),
      event('folder.started'),
      event('folder.step_activated', { position: 1, kind: 'visa' }),
      event('folder.visa', { position: 1 }),
      event('folder.step_completed', { position: 1 }),
      event('folder.step_activated', { position: 2, kind: 'signature' }),
      event('document.signed'),
      event('folder.signature_recorded', { position: 2 }),
      event('folder.step_activated', { position: 3, kind: 'seal' }),
      event('folder.seal_recorded', { position: 3 }),
      event('folder.completed'),
    ].map(status).filter((s) => s !== null)).toEqual(['NonLu', 'EnCoursVisa', 'Vise', 'NonLu', 'Signe', 'PretCachet', 'CachetOK', 'Archive']);
  });

  it('names the rejection after the kind of the step, with the reason as annotation', () => {
    expect([1, 2, 3].map((position) => status(event('folder.rejected', { position, reason: 'Montant faux' })))).toEqual(['RejetVisa', 'RejetSignataire', 'RejetCachet']);
    expect(toLogEntry(event('folder.rejected', { position: 2, reason: 'Montant faux' }, 'Jeanne Martin'), kinds, 'Parapheur')).toEqual({
      timestamp: at, nom: 'Jeanne Martin', status: 'RejetSignataire', annotation: 'Montant faux',
    });
  });
});
