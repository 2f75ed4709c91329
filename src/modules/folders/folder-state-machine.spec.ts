import {
  type FolderEffect,
  type FolderEvent,
  type FolderEventType,
  FOLDER_EVENT_TYPES,
  FOLDER_STATUSES,
  FolderAuditAction,
  FolderStatus,
  type MachineFolder,
  type MachineStep,
  Quorum,
  type RouteStep,
  StepKind,
  StepStatus,
  TransitionError,
  transition,
} from './folder-state-machine';

const DGS = 'desk-dgs';
const MAIRE = 'desk-maire';
const ADJ1 = 'desk-adjoint-1';
const ADJ2 = 'desk-adjoint-2';

function step(position: number, kind: StepKind, deskIds: string[], quorum = Quorum.Any, status = StepStatus.Pending, approvals: string[] = []): MachineStep {
  return { position, kind, deskIds, quorum, status, approvals };
}

function route(...steps: Array<Partial<RouteStep> & Pick<RouteStep, 'kind' | 'deskIds'>>): RouteStep[] {
  return steps.map((s, i) => ({ position: i + 1, quorum: Quorum.Any, included: true, ...s }));
}

const DRAFT: MachineFolder = { status: FolderStatus.Draft, currentStep: null, steps: [] };

/** visa (DGS) active → signature (Maire) pending. */
const IN_PROGRESS: MachineFolder = {
  status: FolderStatus.InProgress,
  currentStep: 1,
  steps: [step(1, StepKind.Visa, [DGS], Quorum.Any, StepStatus.Active), step(2, StepKind.Signature, [MAIRE])],
};

function finished(status: FolderStatus): MachineFolder {
  return { status, currentStep: null, steps: [step(1, StepKind.Visa, [DGS], Quorum.Any, StepStatus.Done, [DGS])] };
}

const BY_STATUS: Record<FolderStatus, MachineFolder> = {
  [FolderStatus.Draft]: DRAFT,
  [FolderStatus.InProgress]: IN_PROGRESS,
  [FolderStatus.Completed]: finished(FolderStatus.Completed),
  [FolderStatus.Rejected]: finished(FolderStatus.Rejected),
  [FolderStatus.Withdrawn]: finished(FolderStatus.Withdrawn),
  [FolderStatus.Archived]: finished(FolderStatus.Archived),
};

/** A representative event of each type, valid on IN_PROGRESS where the type allows it. */
const EVENTS: Record<FolderEventType, FolderEvent> = {
  start: { type: 'start', route: route({ kind: StepKind.Visa, deskIds: [DGS] }) },
  visa: { type: 'visa', deskId: DGS },
  signature_recorded: { type: 'signature_recorded', deskId: DGS },
  seal_recorded: { type: 'seal_recorded' },
  reject: { type: 'reject', deskId: DGS, reason: 'Montant erroné' },
  send_back: { type: 'send_back', deskId: DGS, toStep: 1 },
  withdraw: { type: 'withdraw', byCreator: true },
  archive: { type: 'archive' },
  comment: { type: 'comment' },
};

type Expected = FolderStatus | TransitionError;
const E = TransitionError;
const S = FolderStatus;

/** Every status × every event: the resulting status, or the refusal. */
const MATRIX: Record<FolderStatus, Record<FolderEventType, Expected>> = {
  [S.Draft]: {
    start: S.InProgress, visa: E.InvalidState, signature_recorded: E.InvalidState, seal_recorded: E.InvalidState,
    reject: E.InvalidState, send_back: E.InvalidState, withdraw: S.Withdrawn, archive: E.InvalidState, comment: S.Draft,
  },
  [S.InProgress]: {
    start: E.InvalidState, visa: S.InProgress, signature_recorded: E.WrongStepKind, seal_recorded: E.WrongStepKind,
    reject: S.Rejected, send_back: E.InvalidTargetStep, withdraw: S.Withdrawn, archive: E.InvalidState, comment: S.InProgress,
  },
  [S.Completed]: {
    start: E.InvalidState, visa: E.InvalidState, signature_recorded: E.InvalidState, seal_recorded: E.InvalidState,
    reject: E.InvalidState, send_back: E.InvalidState, withdraw: E.InvalidState, archive: S.Archived, comment: S.Completed,
  },
  [S.Rejected]: {
    start: E.InvalidState, visa: E.InvalidState, signature_recorded: E.InvalidState, seal_recorded: E.InvalidState,
    reject: E.InvalidState, send_back: E.InvalidState, withdraw: E.InvalidState, archive: S.Archived, comment: S.Rejected,
  },
  [S.Withdrawn]: {
    start: E.InvalidState, visa: E.InvalidState, signature_recorded: E.InvalidState, seal_recorded: E.InvalidState,
    reject: E.InvalidState, send_back: E.InvalidState, withdraw: E.InvalidState, archive: E.InvalidState, comment: S.Withdrawn,
  },
  [S.Archived]: {
    start: E.InvalidState, visa: E.InvalidState, signature_recorded: E.InvalidState, seal_recorded: E.InvalidState,
    reject: E.InvalidState, send_back: E.InvalidState, withdraw: E.InvalidState, archive: E.InvalidState, comment: E.InvalidState,
  },
};

function ok(result: ReturnType<typeof transition>): { folder: MachineFolder; effects: FolderEffect[] } {
  if (!result.ok) throw new Error(`expected success, got ${result.error}`);
  return result;
}

function audits(effects: FolderEffect[]): FolderAuditAction[] {
  return effects.flatMap((effect) => (effect.type === 'audit' ? [effect.action] : []));
}

describe('folder state machine', () => {
  describe('every status × every event', () => {
    const cases = FOLDER_STATUSES.flatMap((status) => FOLDER_EVENT_TYPES.map((type) => [status, type, MATRIX[status][type]] as const));

    it('covers all 6 statuses and 9 events', () => {
      expect(cases).toHaveLength(54);
    });

    it.each(cases)('%s + %s → %s', (status, type, expected) => {
      const result = transition(BY_STATUS[status], EVENTS[type]);
      if (Object.values(TransitionError).includes(expected as TransitionError)) {
        expect(result).toEqual({ ok: false, error: expected });
      } else {
        expect(result.ok && result.folder.status).toBe(expected);
      }
    });

    it.each(cases.filter(([, , expected]) => Object.values(TransitionError).includes(expected as TransitionError)))(
      'a refused %s + %s has no effects and leaves the input untouched',
      (status, type) => {
        const before = JSON.stringify(BY_STATUS[status]);
        const result = transition(BY_STATUS[status], EVENTS[type]);
        expect(result).not.toHaveProperty('effects');
        expect(JSON.stringify(BY_STATUS[status])).toBe(before);
      },
    );
  });

  describe('start', () => {
    it('activates the first step, notifies its desks and audits', () => {
      const { folder, effects } = ok(transition(DRAFT, { type: 'start', route: route({ kind: StepKind.Visa, deskIds: [DGS] }, { kind: StepKind.Signature, deskIds: [MAIRE] }) }));
      expect(folder.currentStep).toBe(1);
      expect(folder.steps.map((s) => s.status)).toEqual([StepStatus.Active, StepStatus.Pending]);
      expect(effects).toContainEqual({ type: 'activate_step', position: 1 });
      expect(effects).toContainEqual({ type: 'notify_desks', position: 1, deskIds: [DGS] });
      expect(audits(effects)).toEqual([FolderAuditAction.Started, FolderAuditAction.StepActivated]);
    });

    it('records excluded steps as skipped and starts at the first included one', () => {
      const { folder, effects } = ok(transition(DRAFT, {
        type: 'start',
        route: route({ kind: StepKind.Visa, deskIds: [DGS], included: false }, { kind: StepKind.Signature, deskIds: [MAIRE] }),
      }));
      expect(folder.steps.map((s) => s.status)).toEqual([StepStatus.Skipped, StepStatus.Active]);
      expect(folder.currentStep).toBe(2);
      expect(effects).toContainEqual({ type: 'audit', action: FolderAuditAction.StepSkipped, payload: { position: 1 } });
    });

    it('orders the route by position whatever the input order', () => {
      const steps = route({ kind: StepKind.Visa, deskIds: [DGS] }, { kind: StepKind.Signature, deskIds: [MAIRE] }).reverse();
      expect(ok(transition(DRAFT, { type: 'start', route: steps })).folder.steps.map((s) => s.position)).toEqual([1, 2]);
    });

    it('refuses a route where every step is excluded, or an empty one', () => {
      expect(transition(DRAFT, { type: 'start', route: route({ kind: StepKind.Visa, deskIds: [DGS], included: false }) })).toEqual({ ok: false, error: E.EmptyRoute });
      expect(transition(DRAFT, { type: 'start', route: [] })).toEqual({ ok: false, error: E.EmptyRoute });
    });

    it('starts a seal step by asking for its tasks, not by notifying desks', () => {
      const { effects } = ok(transition(DRAFT, { type: 'start', route: route({ kind: StepKind.Seal, deskIds: [] }) }));
      expect(effects).toContainEqual({ type: 'create_signature_tasks', position: 1, seal: true });
      expect(effects.some((e) => e.type === 'notify_desks')).toBe(false);
    });
  });

  describe('visa and quorum', () => {
    it('quorum any: one desk completes the step and activates the next', () => {
      const folder: MachineFolder = { ...IN_PROGRESS, steps: [step(1, StepKind.Visa, [ADJ1, ADJ2], Quorum.Any, StepStatus.Active), step(2, StepKind.Signature, [MAIRE])] };
      const result = ok(transition(folder, { type: 'visa', deskId: ADJ2 }));
      expect(result.folder.currentStep).toBe(2);
      expect(result.folder.steps[0]).toMatchObject({ status: StepStatus.Done, approvals: [ADJ2] });
      expect(result.effects).toContainEqual({ type: 'complete_step', position: 1 });
      expect(result.effects).toContainEqual({ type: 'notify_desks', position: 2, deskIds: [MAIRE] });
    });

    it('quorum all: waits for every desk, refuses a second approval by the same desk', () => {
      const folder: MachineFolder = { ...IN_PROGRESS, steps: [step(1, StepKind.Visa, [ADJ1, ADJ2], Quorum.All, StepStatus.Active), step(2, StepKind.Signature, [MAIRE])] };
      const first = ok(transition(folder, { type: 'visa', deskId: ADJ1 }));
      expect(first.folder.currentStep).toBe(1);
      expect(first.folder.steps[0]).toMatchObject({ status: StepStatus.Active, approvals: [ADJ1] });
      expect(first.effects.some((e) => e.type === 'complete_step')).toBe(false);
      expect(transition(first.folder, { type: 'visa', deskId: ADJ1 })).toEqual({ ok: false, error: E.AlreadyActed });
      const second = ok(transition(first.folder, { type: 'visa', deskId: ADJ2 }));
      expect(second.folder.currentStep).toBe(2);
      expect(second.folder.steps[0]).toMatchObject({ status: StepStatus.Done, approvals: [ADJ1, ADJ2] });
    });

    it('refuses a desk that is not on the active step', () => {
      expect(transition(IN_PROGRESS, { type: 'visa', deskId: MAIRE })).toEqual({ ok: false, error: E.DeskNotOnStep });
    });

    it('completes the folder after the last step, skipping excluded ones, and tells the creator', () => {
      const folder: MachineFolder = { ...IN_PROGRESS, steps: [step(1, StepKind.Visa, [DGS], Quorum.Any, StepStatus.Active), step(2, StepKind.Signature, [MAIRE], Quorum.Any, StepStatus.Skipped)] };
      const { folder: after, effects } = ok(transition(folder, { type: 'visa', deskId: DGS }));
      expect(after).toMatchObject({ status: FolderStatus.Completed, currentStep: null });
      expect(effects).toContainEqual({ type: 'notify_creator', outcome: 'completed' });
      expect(audits(effects)).toEqual([FolderAuditAction.Visa, FolderAuditAction.StepCompleted, FolderAuditAction.Completed]);
    });
  });

  describe('signature_recorded and seal_recorded', () => {
    const signing: MachineFolder = {
      status: FolderStatus.InProgress,
      currentStep: 2,
      steps: [step(1, StepKind.Visa, [DGS], Quorum.Any, StepStatus.Done, [DGS]), step(2, StepKind.Signature, [MAIRE], Quorum.Any, StepStatus.Active), step(3, StepKind.Seal, [])],
    };

    it('a signature completes its step; a following seal step asks for its tasks', () => {
      const { folder, effects } = ok(transition(signing, { type: 'signature_recorded', deskId: MAIRE }));
      expect(folder.currentStep).toBe(3);
      expect(effects).toContainEqual({ type: 'create_signature_tasks', position: 3, seal: true });
      expect(transition(signing, { type: 'visa', deskId: MAIRE })).toEqual({ ok: false, error: E.WrongStepKind });
    });

    it('the seal completes the folder', () => {
      const sealing = ok(transition(signing, { type: 'signature_recorded', deskId: MAIRE })).folder;
      const { folder, effects } = ok(transition(sealing, { type: 'seal_recorded' }));
      expect(folder.status).toBe(FolderStatus.Completed);
      expect(audits(effects)).toContain(FolderAuditAction.SealRecorded);
    });
  });

  describe('reject', () => {
    it('stops the circuit with the trimmed reason and tells the creator', () => {
      const { folder, effects } = ok(transition(IN_PROGRESS, { type: 'reject', deskId: DGS, reason: '  Montant erroné ' }));
      expect(folder).toMatchObject({ status: FolderStatus.Rejected, currentStep: null });
      expect(folder.steps.map((s) => s.status)).toEqual([StepStatus.Rejected, StepStatus.Pending]);
      expect(effects).toContainEqual({ type: 'notify_creator', outcome: 'rejected', reason: 'Montant erroné' });
    });

    it.each(['', '   '])('requires a reason (%j)', (reason) => {
      expect(transition(IN_PROGRESS, { type: 'reject', deskId: DGS, reason })).toEqual({ ok: false, error: E.ReasonRequired });
    });

    it('is only for desks of the active step', () => {
      expect(transition(IN_PROGRESS, { type: 'reject', deskId: MAIRE, reason: 'Non' })).toEqual({ ok: false, error: E.DeskNotOnStep });
    });
  });

  describe('send_back', () => {
    const atThird: MachineFolder = {
      status: FolderStatus.InProgress,
      currentStep: 3,
      steps: [
        step(1, StepKind.Visa, [DGS], Quorum.Any, StepStatus.Done, [DGS]),
        step(2, StepKind.Visa, [ADJ1], Quorum.Any, StepStatus.Skipped),
        step(3, StepKind.Signature, [MAIRE], Quorum.All, StepStatus.Active),
      ],
    };

    it('reactivates the earlier step, resets the ones in between (skipped stay skipped)', () => {
      const { folder, effects } = ok(transition(atThird, { type: 'send_back', deskId: MAIRE, toStep: 1 }));
      expect(folder.currentStep).toBe(1);
      expect(folder.steps.map((s) => s.status)).toEqual([StepStatus.Active, StepStatus.Skipped, StepStatus.Pending]);
      expect(folder.steps[0].approvals).toEqual([]);
      expect(effects).toContainEqual({ type: 'reset_steps', fromPosition: 1, toPosition: 3 });
      expect(effects).toContainEqual({ type: 'notify_desks', position: 1, deskIds: [DGS] });
    });

    it.each([
      ['a skipped step', 2],
      ['the current step', 3],
      ['a later step', 4],
      ['a step that does not exist', 0],
    ])('refuses %s', (_label, toStep) => {
      expect(transition(atThird, { type: 'send_back', deskId: MAIRE, toStep })).toEqual({ ok: false, error: E.InvalidTargetStep });
    });

    it('is only for desks of the active step', () => {
      expect(transition(atThird, { type: 'send_back', deskId: DGS, toStep: 1 })).toEqual({ ok: false, error: E.DeskNotOnStep });
    });
  });

  describe('withdraw, archive, comment', () => {
    it.each([FolderStatus.Draft, FolderStatus.InProgress])('refuses a withdrawal by someone else than the creator (%s)', (status) => {
      expect(transition(BY_STATUS[status], { type: 'withdraw', byCreator: false })).toEqual({ ok: false, error: E.NotCreator });
    });

    it('withdrawing tells the creator and clears the current step', () => {
      const { folder, effects } = ok(transition(IN_PROGRESS, { type: 'withdraw', byCreator: true }));
      expect(folder.currentStep).toBeNull();
      expect(effects).toContainEqual({ type: 'notify_creator', outcome: 'withdrawn' });
    });

    it('a comment changes nothing but is audited', () => {
      const { folder, effects } = ok(transition(IN_PROGRESS, { type: 'comment' }));
      expect(folder).toBe(IN_PROGRESS);
      expect(audits(effects)).toEqual([FolderAuditAction.Commented]);
    });
  });
});
