import { createHash, randomUUID } from 'node:crypto';
import { DOMParser, MIME_TYPE } from '@xmldom/xmldom';
import request from 'supertest';
import { ApiScope } from '../../src/common/auth';
import { basicFor, childrenOf, creerDossier, envelope, messageRetourOf, soap, textIn } from '../e2e/iparapheur-soap-client';
import { generatePes } from '../fixtures/pes/pes-generator';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { createDesk, createPerson, logIn, type PersonSession } from '../support/people';
import { onePagePdf } from '../support/signing-folders';
import { createFoldersTestApp, type FoldersTestApp, storedRows } from './folders-harness';

/** Acceptance 2 of issue 9 and the endpoint's envelope, auth and WSDL: real app, PostgreSQL and Redis. */
describe('i-Parapheur SOAP endpoint: refusals as MessageRetour KO, nothing created', () => {
  let harness: FoldersTestApp;
  let town: TenantWithKey;
  let basic: string;
  let subtype: string;
  let pdf: Buffer;
  let dgs: PersonSession;

  const app = () => harness.app;
  const rows = async (): Promise<Record<string, number>> => {
    const stored = await storedRows(harness.dataSource, town.tenant.id);
    const [audit] = (await harness.dataSource.query('SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1', [town.tenant.id])) as Array<{ n: number }>;
    return { ...stored, audit: audit.n };
  };

  beforeAll(async () => {
    harness = await createFoldersTestApp();
    town = await createTenantWithKey(app());
    basic = basicFor(town.key);
    const person = await createPerson(app(), town.tenant.id, { displayName: 'Claire Durand' });
    const desk = await createDesk(app(), town.tenant.id, 'DGS', [person.id]);
    dgs = await logIn(app(), person.email);
    const typologyId = await harness.typology(town.bearer, [{ deskIds: [desk] }]);
    subtype = (await request(app().getHttpServer()).get(`/api/v1/typologies/${typologyId}`).set(town.bearer).expect(200)).body.subtype as string;
    pdf = await onePagePdf('Délibération soumise par SOAP');
  });
  afterAll(async () => {
    await harness?.app.close();
  });

  it('answers echo on both paths with the S: prefix, without SOAPAction', async () => {
    for (const path of ['/ws-iparapheur', '/ws-iparapheur-no-mtom']) {
      const answer = await soap(app(), basic, '<ns:echoRequest>bonjour</ns:echoRequest>', path);
      expect(answer.status).toBe(200);
      expect(answer.text).toContain('<S:Envelope');
      expect(answer.body.localName).toBe('echoResponse');
      expect(answer.body.textContent).toBe(`[${town.key.slice(0, 11)}] m'a dit: "bonjour"!`);
    }
  });

  it('refuses wrong or missing credentials with 401 and WWW-Authenticate: Basic', async () => {
    const wrong = `Basic ${Buffer.from(`${town.key.slice(0, 11)}:${town.key.slice(0, -2)}xx`).toString('base64')}`;
    for (const authorization of [wrong, `Basic ${Buffer.from('inconnu:secret').toString('base64')}`, town.bearer.Authorization]) {
      const answer = await soap(app(), authorization, '<ns:echoRequest>x</ns:echoRequest>');
      expect(answer.status).toBe(401);
    }
    const bare = await request(app().getHttpServer()).post('/ws-iparapheur').set('Content-Type', 'text/xml').send(envelope('<ns:echoRequest>x</ns:echoRequest>'));
    expect(bare.status).toBe(401);
    expect(bare.headers['www-authenticate']).toMatch(/^Basic /);
    // The secret part alone is accepted as the password too.
    const secretOnly = `Basic ${Buffer.from(`${town.key.slice(0, 11)}:${town.key.slice(12)}`).toString('base64')}`;
    expect((await soap(app(), secretOnly, '<ns:echoRequest>x</ns:echoRequest>')).status).toBe(200);
  });

  it('serves its own WSDL at ?wsdl on both paths', async () => {
    for (const path of ['/ws-iparapheur', '/ws-iparapheur-no-mtom']) {
      const response = await request(app().getHttpServer()).get(`${path}?wsdl`).expect(200);
      expect(response.headers['content-type']).toMatch(/xml/);
      const wsdl = new DOMParser().parseFromString(response.text, MIME_TYPE.XML_APPLICATION).documentElement;
      expect(wsdl?.localName).toBe('definitions');
      for (const op of ['echo', 'CreerDossier', 'GetHistoDossier', 'GetDossier', 'ArchiverDossier']) expect(response.text).toContain(`<wsdl:operation name="${op}">`);
      expect(response.text).toContain(`location="http`);
      expect(response.text).toContain(`${path}"`);
    }
  });

  it('lists types and subtypes from the typologies', async () => {
    const types = await soap(app(), basic, '<ns:GetListeTypesRequest/>');
    expect(childrenOf(types.body, 'TypeTechnique').map((e) => e.textContent)).toContain('Tests');
    const subtypes = await soap(app(), basic, '<ns:GetListeSousTypesRequest>Tests</ns:GetListeSousTypesRequest>');
    expect(childrenOf(subtypes.body, 'SousType').map((e) => e.textContent)).toEqual([subtype]);
    const unknown = await soap(app(), basic, '<ns:GetListeSousTypesRequest>Inexistant</ns:GetListeSousTypesRequest>');
    expect(messageRetourOf(unknown.body)).toEqual({ codeRetour: 'KO', message: 'Type technique « Inexistant » inconnu.', severite: 'ERROR' });
  });

  it('unknown DossierID: KO « Dossier X introuvable. » for history, folder, archive and withdraw', async () => {
    const before = await rows();
    const id = `Inconnu ${randomUUID().slice(0, 6)}`;
    for (const body of [
      `<ns:GetHistoDossierRequest>${id}</ns:GetHistoDossierRequest>`,
      `<ns:GetDossierRequest>${id}</ns:GetDossierRequest>`,
      `<ns:ArchiverDossierRequest><ns:DossierID>${id}</ns:DossierID><ns:ArchivageAction>ARCHIVER</ns:ArchivageAction></ns:ArchiverDossierRequest>`,
      `<ns:ExercerDroitRemordDossierRequest>${id}</ns:ExercerDroitRemordDossierRequest>`,
      `<ns:EffacerDossierRejeteRequest>${id}</ns:EffacerDossierRejeteRequest>`,
    ]) {
      const answer = await soap(app(), basic, body);
      expect(answer.status).toBe(200);
      expect(messageRetourOf(answer.body)).toEqual({ codeRetour: 'KO', message: `Dossier ${id} introuvable.`, severite: 'ERROR' });
    }
    expect(await rows()).toEqual(before);
  });

  it('creates a folder whose DossierID has spaces and accents; the same DossierID again is KO and creates nothing', async () => {
    const dossierId = `Délibération n° ${randomUUID().slice(0, 6)} été`;
    const before = await rows();
    const created = await soap(app(), basic, creerDossier({ type: 'Tests', subtype, dossierId, pdf, metadata: { montant: '1200,50', inconnue: 'ignorée' }, annotation: 'Urgent' }));
    expect(messageRetourOf(created.body)).toMatchObject({ codeRetour: 'OK', severite: 'INFO' });
    expect(textIn(created.body, 'DossierID')).toBe(dossierId);
    const afterCreate = await rows();
    expect(afterCreate.folders).toBe(before.folders + 1);
    const [folder] = (await harness.dataSource.query('SELECT status, metadata FROM folders WHERE tenant_id = $1 AND external_id = $2', [town.tenant.id, dossierId])) as Array<{ status: string; metadata: unknown }>;
    expect(folder).toEqual({ status: 'in_progress', metadata: { montant: 1200.5 } });

    const again = await soap(app(), basic, creerDossier({ type: 'Tests', subtype, dossierId, pdf }));
    expect(again.status).toBe(200);
    expect(messageRetourOf(again.body)).toEqual({ codeRetour: 'KO', message: `Le DossierID « ${dossierId} » est déjà utilisé par un autre dossier.`, severite: 'ERROR' });
    expect(await rows()).toEqual(afterCreate);

    const history = await soap(app(), basic, `<ns:GetHistoDossierRequest>${dossierId}</ns:GetHistoDossierRequest>`);
    expect(childrenOf(history.body, 'LogDossier').map((log) => textIn(log, 'status'))).toEqual(['NonLu', 'EnCoursVisa']);
    const dossier = await soap(app(), basic, `<ns:GetDossierRequest>${dossierId}</ns:GetDossierRequest>`);
    expect([textIn(dossier.body, 'DossierID'), textIn(dossier.body, 'AnnotationPublique'), Buffer.from(textIn(dossier.body, 'DocPrincipal') ?? '', 'base64').equals(pdf)]).toEqual([dossierId, 'Urgent', true]);
  });

  it('unknown type or subtype, missing or unreadable main document: KO in French, nothing created', async () => {
    const before = await rows();
    const cases: Array<[string, string]> = [
      [creerDossier({ type: 'Inexistant', subtype, dossierId: `T-${randomUUID()}`, pdf }), 'Type technique « Inexistant » inconnu.'],
      [creerDossier({ type: 'Tests', subtype: 'Aucun', dossierId: `S-${randomUUID()}`, pdf }), 'Sous-type « Aucun » inconnu pour le type technique « Tests ».'],
      [creerDossier({ type: 'Tests', subtype, dossierId: 'SANS-DOC' }), 'Le document principal du dossier SANS-DOC est absent ou vide.'],
      [creerDossier({ type: 'Tests', subtype, dossierId: 'PAS-UN-PDF', pdf: Buffer.from('ceci n’est pas un PDF') }), ''],
      [creerDossier({ type: 'Tests', subtype, dossierId: '', pdf }), 'Le DossierID est obligatoire.'],
    ];
    for (const [body, message] of cases) {
      const answer = await soap(app(), basic, body);
      expect(answer.status).toBe(200);
      const retour = messageRetourOf(answer.body);
      expect(retour).toMatchObject({ codeRetour: 'KO', severite: 'ERROR' });
      if (message) expect(retour.message).toBe(message);
      else expect(retour.message).toMatch(/PDF/);
    }
    expect(await rows()).toEqual(before);
  });

  it('answers KO (HTTP 200) to unreadable XML, a DOCTYPE, 100,000 nested or sibling elements, an unknown operation and a key without the scope', async () => {
    const before = await rows();
    const post = (body: string) => request(app().getHttpServer()).post('/ws-iparapheur').set('Content-Type', 'text/xml').set('Authorization', basic).send(body);
    const broken = await post('<soapenv:Envelope><oops>');
    expect(broken.status).toBe(200);
    expect(broken.text).toContain('<codeRetour>KO</codeRetour>');
    const doctype = await post('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><echoRequest>&e;</echoRequest></soapenv:Body></soapenv:Envelope>');
    expect(doctype.status).toBe(200);
    expect(doctype.text).toContain('<codeRetour>KO</codeRetour>');
    expect(doctype.text).not.toContain('root:');
    for (const hostile of ['<a>'.repeat(100_000) + '</a>'.repeat(100_000), `<ns:echoRequest>${'<b/>'.repeat(100_000)}</ns:echoRequest>`]) {
      const answer = await post(envelope(hostile));
      expect(answer.status).toBe(200);
      expect(answer.text).toContain('<codeRetour>KO</codeRetour>');
    }
    const unknown = await soap(app(), basic, '<ns:EnvoyerDossierTdTRequest>X</ns:EnvoyerDossierTdTRequest>');
    expect(messageRetourOf(unknown.body)).toMatchObject({ codeRetour: 'KO', message: 'Opération « EnvoyerDossierTdT » non prise en charge par ce parapheur.' });
    const reader = await createTenantWithKey(app(), [ApiScope.FoldersRead]);
    const refused = await soap(app(), basicFor(reader.key), creerDossier({ type: 'Tests', subtype, dossierId: 'LECTURE-SEULE', pdf }));
    expect(messageRetourOf(refused.body)).toMatchObject({ codeRetour: 'KO' });
    expect(messageRetourOf(refused.body).message).toContain('folders:write');
    expect(await rows()).toEqual(before);
  });

  it('reads MTOM (multipart/related, XOP) requests on /ws-iparapheur', async () => {
    const dossierId = `MTOM-${randomUUID().slice(0, 8)}`;
    const xml = envelope(creerDossier({ type: 'Tests', subtype, dossierId }).replace('<ns:NomDocPrincipal>', '<ns:DocumentPrincipal><xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:doc%40client"/></ns:DocumentPrincipal><ns:NomDocPrincipal>'));
    const boundary = 'uuid:0123-frontiere';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Type: application/xop+xml; charset=UTF-8; type="text/xml"\r\nContent-ID: <root@client>\r\n\r\n${xml}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <doc@client>\r\n\r\n`),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await request(app().getHttpServer()).post('/ws-iparapheur').set('Authorization', basic)
      .set('Content-Type', `multipart/related; type="application/xop+xml"; start="<root@client>"; start-info="text/xml"; boundary="${boundary}"`).send(body);
    expect(response.status).toBe(200);
    expect(response.text).toContain('<codeRetour>OK</codeRetour>');
    const [row] = (await harness.dataSource.query(
      `SELECT v.sha256 FROM folders f JOIN documents d ON d.folder_id = f.id JOIN document_versions v ON v.document_id = d.id WHERE f.external_id = $1 AND d.role = 'main'`, [dossierId],
    )) as Array<{ sha256: string }>;
    expect(row.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
  });

  it('withdraws (droit de remords) then erases the folder; the history says so', async () => {
    const dossierId = `REMORDS-${randomUUID().slice(0, 8)}`;
    expect(messageRetourOf((await soap(app(), basic, creerDossier({ type: 'Tests', subtype, dossierId, pdf }))).body).codeRetour).toBe('OK');
    const withdrawn = await soap(app(), basic, `<ns:ExercerDroitRemordDossierRequest>${dossierId}</ns:ExercerDroitRemordDossierRequest>`);
    expect(messageRetourOf(withdrawn.body).codeRetour).toBe('OK');
    const notDone = await soap(app(), basic, `<ns:ArchiverDossierRequest><ns:DossierID>${dossierId}</ns:DossierID></ns:ArchiverDossierRequest>`);
    expect(messageRetourOf(notDone.body)).toMatchObject({ codeRetour: 'KO', message: `Le dossier ${dossierId} n’est pas terminé : il ne peut pas être archivé.` });
    const erased = await soap(app(), basic, `<ns:EffacerDossierRejeteRequest>${dossierId}</ns:EffacerDossierRejeteRequest>`);
    expect(messageRetourOf(erased.body).codeRetour).toBe('OK');
    const history = await soap(app(), basic, `<ns:GetHistoDossierRequest>${dossierId}</ns:GetHistoDossierRequest>`);
    const last = childrenOf(history.body, 'LogDossier').pop();
    expect(last && textIn(last, 'annotation')).toContain('droit de remords');
  });

  it('second tier: metadata definitions, required metadata, circuit and search', async () => {
    const all = await soap(app(), basic, '<ns:GetListeMetaDonneesRequest/>');
    const names = childrenOf(all.body, 'MetaDonnee').map((m) => [textIn(m, 'nomCourt'), textIn(m, 'nature')]);
    expect(names).toEqual(expect.arrayContaining([['jamais', 'STRING'], ['montant', 'FLOAT']]));
    const required = await soap(app(), basic, `<ns:GetMetaDonneesRequisesPourTypeSoustypeRequest><ns:TypeTechnique>Tests</ns:TypeTechnique><ns:SousType>${subtype}</ns:SousType></ns:GetMetaDonneesRequisesPourTypeSoustypeRequest>`);
    expect(childrenOf(required.body, 'MetaDonnee').map((m) => [textIn(m, 'nomCourt'), textIn(m, 'nomLong'), textIn(m, 'obligatoire')])).toEqual([
      ['jamais', 'Jamais renseigné', 'false'],
      ['montant', 'Montant', 'false'],
    ]);
    const circuit = await soap(app(), basic, `<ns:GetCircuitRequest><ns:TypeTechnique>Tests</ns:TypeTechnique><ns:SousType>${subtype}</ns:SousType></ns:GetCircuitRequest>`);
    expect(childrenOf(circuit.body, 'EtapeCircuit').map((e) => [textIn(e, 'Parapheur'), textIn(e, 'Role')])).toEqual([['DGS', 'VISEUR']]);
    const unknownCircuit = await soap(app(), basic, '<ns:GetCircuitRequest><ns:TypeTechnique>Tests</ns:TypeTechnique><ns:SousType>Aucun</ns:SousType></ns:GetCircuitRequest>');
    expect(messageRetourOf(unknownCircuit.body)).toMatchObject({ codeRetour: 'KO', message: 'Sous-type « Aucun » inconnu pour le type technique « Tests ».' });

    const older = `RECHERCHE ${randomUUID().slice(0, 8)}`;
    const dossierId = `RECHERCHE ${randomUUID().slice(0, 8)}`;
    for (const id of [older, dossierId]) expect(messageRetourOf((await soap(app(), basic, creerDossier({ type: 'Tests', subtype, dossierId: id, pdf }))).body).codeRetour).toBe('OK');
    const byId = await soap(app(), basic, `<ns:RechercherDossiersRequest><ns:DossierID>${dossierId}</ns:DossierID><ns:DossierID>Inconnu</ns:DossierID></ns:RechercherDossiersRequest>`);
    expect(childrenOf(byId.body, 'LogDossier').map((l) => [textIn(l, 'nom'), textIn(l, 'status')])).toEqual([[dossierId, 'EnCoursVisa']]);
    const byType = await soap(app(), basic, `<ns:RechercherDossiersRequest><ns:TypeTechnique>Tests</ns:TypeTechnique><ns:SousType>${subtype}</ns:SousType><ns:Status>EnCoursVisa</ns:Status></ns:RechercherDossiersRequest>`);
    const found = childrenOf(byType.body, 'LogDossier').map((l) => textIn(l, 'nom'));
    expect(found.slice(0, 2)).toEqual([dossierId, older]);
    const archived = await soap(app(), basic, `<ns:RechercherDossiersRequest><ns:DossierID>${dossierId}</ns:DossierID><ns:Status>Archive</ns:Status></ns:RechercherDossiersRequest>`);
    expect(childrenOf(archived.body, 'LogDossier')).toHaveLength(0);
  });

  it('a rejection reads RejetVisa with its reason; EffacerDossierRejete then archives the folder', async () => {
    const dossierId = `REJET ${randomUUID().slice(0, 8)}`;
    expect(messageRetourOf((await soap(app(), basic, creerDossier({ type: 'Tests', subtype, dossierId, pdf }))).body).codeRetour).toBe('OK');
    const [{ id }] = (await harness.dataSource.query('SELECT id FROM folders WHERE tenant_id = $1 AND external_id = $2', [town.tenant.id, dossierId])) as Array<{ id: string }>;
    await request(app().getHttpServer()).post(`/api/v1/folders/${id}/actions/reject`).set(dgs.headers).send({ reason: 'Pièce manquante' }).expect(200);
    const history = await soap(app(), basic, `<ns:GetHistoDossierRequest>${dossierId}</ns:GetHistoDossierRequest>`);
    const last = childrenOf(history.body, 'LogDossier').pop();
    expect(last && [textIn(last, 'status'), textIn(last, 'annotation'), textIn(last, 'nom')]).toEqual(['RejetVisa', 'Pièce manquante', 'Claire Durand']);
    const erased = await soap(app(), basic, `<ns:EffacerDossierRejeteRequest>${dossierId}</ns:EffacerDossierRejeteRequest>`);
    expect(messageRetourOf(erased.body).codeRetour).toBe('OK');
    const [{ status }] = (await harness.dataSource.query('SELECT status FROM folders WHERE id = $1', [id])) as Array<{ status: string }>;
    expect(status).toBe('archived');
  });

  it('another tenant’s key never sees the folder: « introuvable », and may reuse the same DossierID', async () => {
    const dossierId = `PARTAGE ${randomUUID().slice(0, 8)}`;
    expect(messageRetourOf((await soap(app(), basic, creerDossier({ type: 'Tests', subtype, dossierId, pdf }))).body).codeRetour).toBe('OK');
    const other = await createTenantWithKey(app());
    const otherBasic = basicFor(other.key);
    for (const body of [`<ns:GetDossierRequest>${dossierId}</ns:GetDossierRequest>`, `<ns:GetHistoDossierRequest>${dossierId}</ns:GetHistoDossierRequest>`]) {
      expect(messageRetourOf((await soap(app(), otherBasic, body)).body)).toMatchObject({ codeRetour: 'KO', message: `Dossier ${dossierId} introuvable.` });
    }
    const search = await soap(app(), otherBasic, `<ns:RechercherDossiersRequest><ns:DossierID>${dossierId}</ns:DossierID></ns:RechercherDossiersRequest>`);
    expect(childrenOf(search.body, 'LogDossier')).toHaveLength(0);
    const otherDesk = await createDesk(app(), other.tenant.id, 'Maire');
    const otherTypology = await harness.typology(other.bearer, [{ deskIds: [otherDesk] }]);
    const otherSubtype = (await request(app().getHttpServer()).get(`/api/v1/typologies/${otherTypology}`).set(other.bearer).expect(200)).body.subtype as string;
    expect(messageRetourOf((await soap(app(), otherBasic, creerDossier({ type: 'Tests', subtype: otherSubtype, dossierId, pdf }))).body).codeRetour).toBe('OK');
  });

  it('two CreerDossier with one DossierID at once: exactly one OK, the other KO, one folder', async () => {
    const dossierId = `DOUBLON ${randomUUID().slice(0, 8)}`;
    const before = await rows();
    const answers = await Promise.all([0, 1].map(() => soap(app(), basic, creerDossier({ type: 'Tests', subtype, dossierId, pdf }))));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers.map((a) => messageRetourOf(a.body).codeRetour).sort()).toEqual(['KO', 'OK']);
    expect((await rows()).folders).toBe(before.folders + 1);
  });

  it('passes a PES flow (XML main document, XPathPourSignatureXML, VisuelPDF) to the folder creation; GetDossier answers it as FichierPES', async () => {
    const pes = generatePes({ encoding: 'ISO-8859-1' });
    const dossierId = `PES ${randomUUID().slice(0, 8)}`;
    const body = creerDossier({ type: 'Tests', subtype, dossierId })
      .replace('<ns:NomDocPrincipal>deliberation.pdf</ns:NomDocPrincipal>', `<ns:DocumentPrincipal xmlmime:contentType="text/xml" xmlns:xmlmime="http://www.w3.org/2005/05/xmlmime">${pes.toString('base64')}</ns:DocumentPrincipal><ns:NomDocPrincipal>mandats.xml</ns:NomDocPrincipal>`)
      .replace(/<ns:VisuelPDF[^>]*\/>/, `<ns:VisuelPDF>${pdf.toString('base64')}</ns:VisuelPDF>`)
      .replace(/<ns:XPathPourSignatureXML[^>]*\/>/, '<ns:XPathPourSignatureXML>//Bordereau</ns:XPathPourSignatureXML>');
    const created = await soap(app(), basic, body);
    expect(messageRetourOf(created.body)).toMatchObject({ codeRetour: 'OK' });
    const [row] = (await harness.dataSource.query(
      `SELECT d.content_type AS "contentType", d.file_name AS "fileName" FROM folders f JOIN documents d ON d.folder_id = f.id WHERE f.external_id = $1 AND d.role = 'main'`, [dossierId],
    )) as Array<{ contentType: string; fileName: string }>;
    expect(row).toEqual({ contentType: 'application/xml', fileName: 'mandats.xml' });
    const dossier = await soap(app(), basic, `<ns:GetDossierRequest>${dossierId}</ns:GetDossierRequest>`);
    expect(Buffer.from(textIn(dossier.body, 'FichierPES') ?? '', 'base64')).toEqual(pes);
    expect(Buffer.from(textIn(dossier.body, 'VisuelPDF') ?? '', 'base64')).toEqual(pdf);
    expect(textIn(dossier.body, 'DocPrincipal')).toBeUndefined();
    const annexes = childrenOf(childrenOf(dossier.body, 'DocumentsAnnexes')[0], 'DocAnnexe').map((a) => textIn(a, 'nom'));
    expect(annexes).toEqual(['bordereau-de-preuve.pdf']);

    const withoutVisual = await soap(app(), basic, body.replace(dossierId, `${dossierId} sans visuel`).replace(/<ns:VisuelPDF>[^<]*<\/ns:VisuelPDF>/, ''));
    expect(messageRetourOf(withoutVisual.body).codeRetour).toBe('OK');
    const generated = await soap(app(), basic, `<ns:GetDossierRequest>${dossierId} sans visuel</ns:GetDossierRequest>`);
    expect(Buffer.from(textIn(generated.body, 'VisuelPDF') ?? '', 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(childrenOf(childrenOf(generated.body, 'DocumentsAnnexes')[0], 'DocAnnexe').map((a) => textIn(a, 'nom'))).toEqual(['bordereau-de-preuve.pdf']);

    const wrongXPath = await soap(app(), basic, body.replace(dossierId, `${dossierId} bis`).replace('//Bordereau</ns:XPathPourSignatureXML>', '/PES_Aller/Autre</ns:XPathPourSignatureXML>'));
    expect(messageRetourOf(wrongXPath.body)).toMatchObject({ codeRetour: 'KO' });
    expect(messageRetourOf(wrongXPath.body).message).toContain('XPath');
  });

  it('reads an ISO-8859-1 envelope (declared in the XML or in the Content-Type)', async () => {
    for (const [declaration, contentType] of [['<?xml version="1.0" encoding="ISO-8859-1"?>', 'text/xml'], ['', 'text/xml; charset=ISO-8859-1']]) {
      const xml = envelope('<ns:echoRequest>Délibération à l’étude</ns:echoRequest>'.replace('’', "'")).replace('<?xml version="1.0" encoding="UTF-8"?>', declaration);
      const response = await request(app().getHttpServer()).post('/ws-iparapheur').set('Authorization', basic).set('Content-Type', contentType).send(Buffer.from(xml, 'latin1'));
      expect(response.status).toBe(200);
      expect(response.text).toContain(`m'a dit: "Délibération à l'étude"!`);
    }
  });
});
