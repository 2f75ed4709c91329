import { escapeHtml } from '../notifications/mail-templates';
import { formatParisDateTime } from '../notifications/paris-time';
import { UserLinkPurpose } from '../users/user-link.entity';

const SIGNATURE = 'Parapheur — message automatique, merci de ne pas y répondre.';

/** The e-mail carrying a one-time password link, in French. */
export function accountLinkMail(
  purpose: UserLinkPurpose,
  facts: { displayName: string; tenantName: string; link: string; expiresAt: Date },
): { subject: string; text: string; html: string } {
  const invitation = purpose === UserLinkPurpose.Invitation;
  const subject = invitation ? `Invitation au parapheur — ${facts.tenantName}` : `Nouveau mot de passe pour le parapheur — ${facts.tenantName}`;
  const intro = invitation
    ? `Un compte a été créé pour vous dans le parapheur électronique de ${facts.tenantName}.`
    : `Un administrateur de ${facts.tenantName} a réinitialisé votre mot de passe du parapheur électronique.`;
  const action = invitation ? 'Choisissez votre mot de passe' : 'Choisissez un nouveau mot de passe';
  const validity = `Ce lien ne sert qu’une fois et expire le ${formatParisDateTime(facts.expiresAt)}.`;
  const text = [`Bonjour ${facts.displayName},`, '', intro, `${action} en ouvrant ce lien :`, facts.link, '', validity,
    'Si vous n’attendiez pas ce message, ignorez-le.', '', SIGNATURE].join('\n');
  const html = `<p>Bonjour ${escapeHtml(facts.displayName)},</p><p>${escapeHtml(intro)}</p>`
    + `<p><a href="${escapeHtml(facts.link)}">${escapeHtml(action)}</a></p><p>${escapeHtml(validity)}</p>`
    + `<p>Si vous n’attendiez pas ce message, ignorez-le.</p><p>${escapeHtml(SIGNATURE)}</p>`;
  return { subject, text, html };
}
