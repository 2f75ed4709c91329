import { formatParisDate } from './paris-time';

/** What a mail says about a folder. */
export interface FolderNotice {
  id: string;
  title: string;
  externalId: string | null;
  dueAt: Date | null;
}

export type StepKindName = 'visa' | 'signature' | 'seal';
export type FolderOutcomeName = 'completed' | 'rejected' | 'withdrawn';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const STEP_ACTION: Record<StepKindName, string> = { visa: 'votre visa', signature: 'votre signature', seal: 'l’apposition du cachet' };
const OUTCOME: Record<FolderOutcomeName, { subject: string; sentence: string }> = {
  completed: { subject: 'Dossier terminé', sentence: 'a terminé son circuit : toutes les étapes sont validées.' },
  rejected: { subject: 'Dossier rejeté', sentence: 'a été rejeté.' },
  withdrawn: { subject: 'Dossier retiré', sentence: 'a été retiré du circuit par son auteur.' },
};
const SIGNATURE = 'Parapheur — message automatique, merci de ne pas y répondre.';

export function folderLink(publicUrl: string, folderId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/dossiers/${folderId}`;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function describe(folder: FolderNotice): string {
  return `« ${folder.title} »${folder.externalId ? ` (réf. ${folder.externalId})` : ''}`;
}

function quoteList(names: readonly string[]): string {
  return names.map((name) => `« ${name} »`).join(', ');
}

function html(paragraphs: readonly string[], link: string): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('');
  return `<!doctype html><html lang="fr"><body>${body}<p><a href="${escapeHtml(link)}">Ouvrir le dossier</a></p><p><small>${escapeHtml(SIGNATURE)}</small></p></body></html>`;
}

function text(paragraphs: readonly string[], link: string): string {
  return `${paragraphs.join('\n\n')}\n\nOuvrir le dossier : ${link}\n\n-- \n${SIGNATURE}\n`;
}

/** To holders and delegates of the desks of a step that just became active. */
export function stepActivatedMail(folder: FolderNotice, step: { kind: StepKindName; deskNames: readonly string[] }, publicUrl: string): RenderedMail {
  return waitingMail(folder, step, publicUrl, `[Parapheur] À traiter : ${folder.title}`, 'Le dossier', 'attend');
}

/** « Le dossier … attend votre signature pour le bureau « Maire ». Échéance : … » */
function waitingMail(folder: FolderNotice, step: { kind: StepKindName; deskNames: readonly string[] }, publicUrl: string, subject: string, lead: string, verb: string): RenderedMail {
  const link = folderLink(publicUrl, folder.id);
  const desks = step.deskNames.length > 1 ? `les bureaux ${quoteList(step.deskNames)}` : `le bureau ${quoteList(step.deskNames)}`;
  const paragraphs = [
    'Bonjour,',
    `${lead} ${describe(folder)} ${verb} ${STEP_ACTION[step.kind]} pour ${desks}.` +
      (folder.dueAt ? `\nÉchéance : ${formatParisDate(folder.dueAt)}.` : ''),
  ];
  return { subject, text: text(paragraphs, link), html: html(paragraphs, link) };
}

/** « Relance »: a clerk asks the holders (and delegates) of the current step's desks to act. */
export function reminderMail(folder: FolderNotice, step: { kind: StepKindName; deskNames: readonly string[] }, byName: string, publicUrl: string): RenderedMail {
  return waitingMail(folder, step, publicUrl, `[Parapheur] Relance : ${folder.title}`, `${byName} vous relance : le dossier`, 'attend toujours');
}

/** To the creator when the folder completes, is rejected (with the reason) or withdrawn. */
export function folderFinishedMail(folder: FolderNotice, outcome: FolderOutcomeName, reason: string | undefined, publicUrl: string): RenderedMail {
  const link = folderLink(publicUrl, folder.id);
  const paragraphs = ['Bonjour,', `Le dossier ${describe(folder)} ${OUTCOME[outcome].sentence}`];
  if (reason && outcome !== 'completed') paragraphs.push(`Motif : ${reason}`);
  return { subject: `[Parapheur] ${OUTCOME[outcome].subject} : ${folder.title}`, text: text(paragraphs, link), html: html(paragraphs, link) };
}

export interface DigestDesk {
  deskName: string;
  folders: readonly FolderNotice[];
}

/** The daily list of late folders waiting on the recipient's desks (held or delegated). */
export function lateDigestMail(desks: readonly DigestDesk[], publicUrl: string): RenderedMail {
  const count = desks.reduce((sum, desk) => sum + desk.folders.length, 0);
  const base = publicUrl.replace(/\/+$/, '');
  const lines = (desk: DigestDesk): string[] =>
    desk.folders.map((f) => `- ${describe(f)}${f.dueAt ? `, échéance ${formatParisDate(f.dueAt)}` : ''} : ${folderLink(base, f.id)}`);
  const textBody =
    `Bonjour,\n\n${count === 1 ? '1 dossier en retard attend' : `${count} dossiers en retard attendent`} votre action.\n\n` +
    desks.map((desk) => `Bureau « ${desk.deskName} » :\n${lines(desk).join('\n')}`).join('\n\n') +
    `\n\n-- \n${SIGNATURE}\n`;
  const htmlBody =
    `<!doctype html><html lang="fr"><body><p>Bonjour,</p><p>${count === 1 ? '1 dossier en retard attend' : `${count} dossiers en retard attendent`} votre action.</p>` +
    desks
      .map((desk) =>
        `<h3>Bureau « ${escapeHtml(desk.deskName)} »</h3><ul>` +
        desk.folders
          .map((f) => `<li><a href="${escapeHtml(folderLink(base, f.id))}">${escapeHtml(describe(f))}</a>${f.dueAt ? `, échéance ${formatParisDate(f.dueAt)}` : ''}</li>`)
          .join('') +
        '</ul>')
      .join('') +
    `<p><small>${escapeHtml(SIGNATURE)}</small></p></body></html>`;
  return { subject: `[Parapheur] ${count} dossier${count > 1 ? 's' : ''} en retard`, text: textBody, html: htmlBody };
}
