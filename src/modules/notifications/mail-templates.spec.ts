import { escapeHtml, folderFinishedMail, lateDigestMail, stepActivatedMail } from './mail-templates';

const folder = { id: '5b1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', title: 'Marché <voirie> & réseaux', externalId: 'DEL-2026-042', dueAt: new Date('2026-11-30T10:00:00Z') };
const URL = 'https://parapheur.mairie.fr/';

describe('mail templates', () => {
  it('asks the desks of a new step for their action, with the due date and the link', () => {
    const mail = stepActivatedMail(folder, { kind: 'signature', deskNames: ['Maire'] }, URL);
    expect(mail.subject).toBe('[Parapheur] À traiter : Marché <voirie> & réseaux');
    expect(mail.text).toContain('Le dossier « Marché <voirie> & réseaux » (réf. DEL-2026-042) attend votre signature pour le bureau « Maire ».');
    expect(mail.text).toContain('Échéance : 30/11/2026.');
    expect(mail.text).toContain(`Ouvrir le dossier : https://parapheur.mairie.fr/dossiers/${folder.id}`);
    expect(mail.html).toContain('Marché &lt;voirie&gt; &amp; réseaux');
    expect(mail.html).not.toContain('<voirie>');
    expect(mail.html).toContain(`<a href="https://parapheur.mairie.fr/dossiers/${folder.id}">`);
  });

  it('names every desk of a step shared by several desks, and the kind of action', () => {
    const mail = stepActivatedMail({ ...folder, externalId: null, dueAt: null }, { kind: 'visa', deskNames: ['DGS', 'DGA'] }, URL);
    expect(mail.text).toContain('attend votre visa pour les bureaux « DGS », « DGA ».');
    expect(mail.text).not.toContain('Échéance');
    expect(mail.text).not.toContain('réf.');
  });

  it.each([
    ['completed', 'Dossier terminé', 'a terminé son circuit'],
    ['rejected', 'Dossier rejeté', 'a été rejeté.'],
    ['withdrawn', 'Dossier retiré', 'a été retiré du circuit par son auteur.'],
  ] as const)('tells the creator the folder is %s', (outcome, subject, sentence) => {
    const mail = folderFinishedMail(folder, outcome, outcome === 'completed' ? undefined : 'Montant erroné', URL);
    expect(mail.subject).toBe(`[Parapheur] ${subject} : ${folder.title}`);
    expect(mail.text).toContain(sentence);
    expect(mail.text.includes('Motif : Montant erroné')).toBe(outcome !== 'completed');
  });

  it('lists late folders per desk in the digest', () => {
    const mail = lateDigestMail(
      [
        { deskName: 'Maire', folders: [folder, { ...folder, id: 'f2', title: 'Arrêté', externalId: null }] },
        { deskName: 'DGS', folders: [{ ...folder, id: 'f3', title: 'Convention' }] },
      ],
      URL,
    );
    expect(mail.subject).toBe('[Parapheur] 3 dossiers en retard');
    expect(mail.text).toContain('Bureau « Maire » :\n- « Marché <voirie> & réseaux » (réf. DEL-2026-042), échéance 30/11/2026');
    expect(mail.text).toContain('Bureau « DGS » :\n- « Convention »');
    expect(mail.html).toContain('<h3>Bureau « Maire »</h3>');
    expect(lateDigestMail([{ deskName: 'Maire', folders: [folder] }], URL).subject).toBe('[Parapheur] 1 dossier en retard');
  });

  it('escapes HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
