import { useState } from 'preact/hooks';
import { comment, reject, remind, sign, visa, withdraw } from '../api/endpoints';
import { errorMessage } from '../api/problem';
import type { FolderDetail, Me } from '../api/types';
import { PinDialog } from '../components/PinDialog';
import { TextDialog } from '../components/TextDialog';
import { fr } from '../i18n/fr';
import { showFlash } from '../lib/flash';
import { activeStep, mayAct } from '../lib/folder-facts';
import { hasRole } from '../lib/session';

type Open = 'sign' | 'reject' | 'comment' | null;

interface Props {
  folder: FolderDetail;
  me: Me;
  /** `signing`: a signature was accepted and runs in the background; the page follows it. */
  onChanged: (signing?: boolean) => void;
}

/** The actions open to this person on this folder now; the API checks them again. */
export function FolderActions({ folder, me, onChanged }: Props) {
  const [open, setOpen] = useState<Open>(null);
  const [busy, setBusy] = useState(false);
  const step = activeStep(folder);
  const acting = mayAct(me, step);
  const canVisa = acting && step?.kind === 'visa';
  const canSign = acting && step?.kind === 'signature';
  const canReject = acting;
  const mayWithdraw = folder.createdByUserId === me.id && (folder.status === 'in_progress' || folder.status === 'draft');
  const mayRemind = hasRole(me, 'clerk') && Boolean(step);

  const run = async <T,>(action: () => Promise<T>, done: string | ((result: T) => string)) => {
    setBusy(true);
    try {
      const result = await action();
      showFlash('success', typeof done === 'string' ? done : done(result));
      onChanged();
    } catch (failure) {
      showFlash('error', errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  const close = () => setOpen(null);
  const finish = (message: string, signing = false) => {
    setOpen(null);
    showFlash('success', message);
    onChanged(signing);
  };

  return (
    <div class="action-bar" role="group" aria-label={fr.folder.actions}>
      <button type="button" class="button button--secondary" onClick={() => setOpen('comment')}>{fr.folder.comment}</button>
      {mayWithdraw && (
        <button type="button" class="button button--secondary" disabled={busy} onClick={() => window.confirm(fr.folder.withdrawConfirm) && void run(() => withdraw(folder.id), fr.folder.withdrawDone)}>
          {fr.folder.withdraw}
        </button>
      )}
      {mayRemind && (
        <button type="button" class="button button--secondary" disabled={busy} data-testid="action-remind" onClick={() => void run(() => remind(folder.id), (result) => fr.folder.remindDone(result.recipients))}>
          {fr.folder.remind}
        </button>
      )}
      {canReject && <button type="button" class="button button--danger" data-testid="action-reject" onClick={() => setOpen('reject')}>{fr.folder.reject}</button>}
      {canVisa && <button type="button" class="button button--primary" disabled={busy} data-testid="action-visa" onClick={() => void run(() => visa(folder.id), fr.folder.visaDone)}>{fr.folder.visa}</button>}
      {canSign && <button type="button" class="button button--accent" data-testid="action-sign" onClick={() => setOpen('sign')}>{fr.folder.sign}</button>}
      {open === 'sign' && (
        <PinDialog titles={[folder.title]} onClose={close} onConfirm={async (consent) => { await sign(folder.id, consent); finish(fr.folder.signQueued, true); }} />
      )}
      {open === 'reject' && (
        <TextDialog
          title={fr.folder.rejectTitle}
          label={fr.folder.rejectReason}
          requiredMessage={fr.folder.rejectReasonRequired}
          confirmLabel={fr.folder.reject}
          danger
          onClose={close}
          onConfirm={async (reason) => { await reject(folder.id, reason); finish(fr.folder.rejectDone); }}
        />
      )}
      {open === 'comment' && (
        <TextDialog
          title={fr.folder.commentTitle}
          label={fr.folder.commentBody}
          requiredMessage={fr.folder.commentRequired}
          confirmLabel={fr.folder.send}
          onClose={close}
          onConfirm={async (body) => { await comment(folder.id, body); finish(fr.folder.commentDone); }}
        />
      )}
    </div>
  );
}
