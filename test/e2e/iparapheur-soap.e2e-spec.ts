import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DOMParser, type Element, MIME_TYPE } from '@xmldom/xmldom';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { generatePes } from '../fixtures/pes/pes-generator';
import { extractSignatures } from '../helpers/cms';
import { processScratchDir } from '../helpers/scratch';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { NodeProcess, pollUntil } from '../support/node-process';
import { createDesk, createPerson, logIn, type PersonSession } from '../support/people';
import { onePagePdf, pdfsigVerdict } from '../support/signing-folders';
import { createTestApp } from '../support/test-app';
import { withoutSignatures, xmlsecVerifyWith } from '../xades/xmlsec';
import { basicFor, childrenOf, creerDossier, envelope, messageRetourOf, textIn } from './iparapheur-soap-client';

const PIN = '135792';

/**
 * Acceptance 1 of issue 9: the sequence an accounting or deliberation software plays against
 * i-Parapheur, with raw XML envelopes over HTTP (fetch, text/xml, Basic auth, no SOAPAction), against
 * the real API process, PostgreSQL, Redis and a separate worker process; people act through the REST API.
 */
describe('i-Parapheur client sequence end to end: echo → types → subtypes → CreerDossier → poll history → GetDossier → ArchiverDossier', () => {
  let app: NestExpressApplication;
  let worker: NodeProcess | undefined;
  let town: TenantWithKey;
  let baseUrl: string;
  let dgs: PersonSession;
  let maire: PersonSession;
  let rootPem: string;
  let subtype: string;
  let maireId: string;
  let maireDeskId: string;

  const http = () => request(app.getHttpServer());

  /** One SOAP call the way a legacy client makes it: POST text/xml, Basic auth, no SOAPAction. */
  async function call(body: string): Promise<Element> {
    const response = await fetch(`${baseUrl}/ws-iparapheur`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml; charset=utf-8', Authorization: basicFor(town.key) },
      body: envelope(body),
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`SOAP HTTP ${response.status}: ${text}`);
    expect(text).toMatch(/^<\?xml[^>]*\?><S:Envelope /);
    const root = new DOMParser().parseFromString(text, MIME_TYPE.XML_APPLICATION).documentElement as Element;
    return childrenOf(childrenOf(root, 'Body')[0])[0];
  }

  beforeAll(async () => {
    app = await createTestApp({ runsJobHandlers: false });
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    worker = NodeProcess.start('src/worker.ts', [], { ...process.env, LOG_LEVEL: 'info' });
    town = await createTenantWithKey(app);
    const dgsPerson = await createPerson(app, town.tenant.id, { displayName: 'Claire Durand' });
    const mairePerson = await createPerson(app, town.tenant.id, { displayName: 'Jeanne Martin' });
    const dgsDesk = await createDesk(app, town.tenant.id, 'DGS', [dgsPerson.id]);
    const maireDesk = await createDesk(app, town.tenant.id, 'Maire', [mairePerson.id]);
    maireId = mairePerson.id;
    maireDeskId = maireDesk;
    await app.get(DataSource).query('UPDATE tenants SET city = $2, postal_code = $3 WHERE id = $1', [town.tenant.id, 'Saint-Amand-les-Eaux', '59230']);
    dgs = await logIn(app, dgsPerson.email);
    maire = await logIn(app, mairePerson.email);
    await http().post('/api/v1/me/signing-key').set(maire.headers).send({ pin: PIN }).expect(201);
    rootPem = (await http().get('/api/v1/signing/ca').set(town.bearer).expect(200)).body.rootCertificatePem as string;
    const circuit = await http().post('/api/v1/circuits').set(town.bearer).send({
      name: 'Délibérations',
      steps: [
        { kind: 'visa', deskIds: [dgsDesk], quorum: 'any', name: 'Visa du DGS' },
        { kind: 'signature', deskIds: [maireDesk], quorum: 'any', name: 'Signature du Maire' },
      ],
    }).expect(201);
    subtype = `Délibération ${randomUUID().slice(0, 6)}`;
    await http().post('/api/v1/typologies').set(town.bearer).send({
      type: 'Actes', subtype, circuitId: circuit.body.id, level: 'B-B',
      metadataSchema: { fields: [{ name: 'numero', label: 'Numéro', type: 'string', required: true }] },
    }).expect(201);
    await worker.waitFor(/running job handlers/, 60_000);
  });
  afterAll(async () => {
    await worker?.stop();
    await app?.close();
  });

  it('goes through the circuit; the client sees Archive, gets the signed PDF and the evidence as the last annex, then archives', async () => {
    const echo = await call('<ns:echoRequest>test de connexion</ns:echoRequest>');
    expect(echo.textContent).toBe(`[${town.key.slice(0, 11)}] m'a dit: "test de connexion"!`);
    const types = await call('<ns:GetListeTypesRequest/>');
    expect(childrenOf(types, 'TypeTechnique').map((e) => e.textContent)).toEqual(['Actes']);
    const subtypes = await call('<ns:GetListeSousTypesRequest>Actes</ns:GetListeSousTypesRequest>');
    expect(childrenOf(subtypes, 'SousType').map((e) => e.textContent)).toEqual([subtype]);

    const dossierId = `DELIB 2026-${randomUUID().slice(0, 4)} séance`;
    const annex = Buffer.from('Rapport de présentation\n', 'utf8');
    const created = await call(creerDossier({
      type: 'Actes', subtype, dossierId, title: 'Délibération budget primitif', pdf: await onePagePdf('Délibération budget primitif'),
      annexes: [{ name: 'rapport.txt', bytes: annex, mimetype: 'text/plain' }], metadata: { numero: '2026-014' },
    }));
    expect(messageRetourOf(created)).toMatchObject({ codeRetour: 'OK', severite: 'INFO' });
    const [{ id: folderId }] = (await app.get(DataSource).query('SELECT id FROM folders WHERE tenant_id = $1 AND external_id = $2', [town.tenant.id, dossierId])) as Array<{ id: string }>;

    const statuses = async () => childrenOf(await call(`<ns:GetHistoDossierRequest>${dossierId}</ns:GetHistoDossierRequest>`), 'LogDossier').map((log) => textIn(log, 'status'));
    expect(await statuses()).toEqual(['NonLu', 'EnCoursVisa']);

    await http().post(`/api/v1/folders/${folderId}/actions/visa`).set(dgs.headers).expect(200);
    await http().post(`/api/v1/folders/${folderId}/actions/sign`).set(maire.headers).send({ pin: PIN }).expect((r) => {
      if (r.status >= 300) throw new Error(`sign: ${r.status} ${r.text}`);
    });
    const final = await pollUntil(statuses, (list) => list[list.length - 1] === 'Archive', 120_000);
    expect(final).toEqual(['NonLu', 'EnCoursVisa', 'Vise', 'NonLu', 'Signe', 'Archive']);

    const dossier = await call(`<ns:GetDossierRequest>${dossierId}</ns:GetDossierRequest>`);
    expect(messageRetourOf(dossier).codeRetour).toBe('OK');
    expect([textIn(dossier, 'TypeTechnique'), textIn(dossier, 'SousType'), textIn(dossier, 'DossierID'), textIn(dossier, 'NomDocPrincipal')]).toEqual(['Actes', subtype, dossierId, 'deliberation.pdf']);
    const signed = Buffer.from(textIn(dossier, 'DocPrincipal') ?? '', 'base64');
    expect(extractSignatures(signed)).toHaveLength(1);
    const verdict = await pdfsigVerdict(signed, rootPem);
    expect(verdict.map((s) => [s.signerName, s.valid, s.trusted])).toEqual([['Jeanne Martin', true, true]]);

    const annexes = childrenOf(childrenOf(dossier, 'DocumentsAnnexes')[0], 'DocAnnexe');
    expect(annexes.map((a) => textIn(a, 'nom'))).toEqual(['rapport.txt', 'bordereau-de-preuve.pdf']);
    expect(Buffer.from(textIn(annexes[0], 'fichier') ?? '', 'base64')).toEqual(annex);
    const evidence = Buffer.from(textIn(annexes[1], 'fichier') ?? '', 'base64');
    const file = join(processScratchDir(), `soap-evidence-${folderId}.pdf`);
    await writeFile(file, evidence);
    const { stdout } = await promisify(execFile)('pdftotext', ['-layout', file, '-']);
    for (const text of ['Bordereau de preuve', 'Claire Durand', 'Jeanne Martin']) expect(stdout).toContain(text);
    const metadata = childrenOf(childrenOf(dossier, 'MetaDonnees')[0], 'MetaDonnee').map((m) => [textIn(m, 'nom'), textIn(m, 'valeur')]);
    expect(metadata).toEqual([['numero', '2026-014']]);

    const archived = await call(`<ns:ArchiverDossierRequest><ns:DossierID>${dossierId}</ns:DossierID><ns:ArchivageAction>ARCHIVER</ns:ArchivageAction></ns:ArchiverDossierRequest>`);
    expect(messageRetourOf(archived)).toMatchObject({ codeRetour: 'OK' });
    const [{ status }] = (await app.get(DataSource).query('SELECT status FROM folders WHERE id = $1', [folderId])) as Array<{ status: string }>;
    expect(status).toBe('archived');
  }, 240_000);

  it('a PES flow sent by CreerDossier is signed per bordereau (xmlsec1 verifies) and comes back as FichierPES with its visual', async () => {
    const circuit = await http().post('/api/v1/circuits').set(town.bearer).send({ name: 'Mandatement', steps: [{ kind: 'signature', deskIds: [maireDeskId], quorum: 'any' }] }).expect(201);
    const pesSubtype = `Bordereaux ${randomUUID().slice(0, 6)}`;
    await http().post('/api/v1/typologies').set(town.bearer).send({ type: 'Finances', subtype: pesSubtype, circuitId: circuit.body.id, level: 'B-B' }).expect(201);
    const pes = generatePes({ encoding: 'ISO-8859-1' });
    const dossierId = `PES ${randomUUID().slice(0, 8)}`;
    const body = creerDossier({ type: 'Finances', subtype: pesSubtype, dossierId })
      .replace('<ns:NomDocPrincipal>deliberation.pdf</ns:NomDocPrincipal>', `<ns:DocumentPrincipal xmlns:xm="http://www.w3.org/2005/05/xmlmime" xm:contentType="text/xml">${pes.toString('base64')}</ns:DocumentPrincipal><ns:NomDocPrincipal>PESALR2.xml</ns:NomDocPrincipal>`)
      .replace(/<ns:XPathPourSignatureXML[^>]*\/>/, '<ns:XPathPourSignatureXML>//Bordereau</ns:XPathPourSignatureXML>');
    expect(messageRetourOf(await call(body))).toMatchObject({ codeRetour: 'OK' });
    const [{ id: folderId }] = (await app.get(DataSource).query('SELECT id FROM folders WHERE tenant_id = $1 AND external_id = $2', [town.tenant.id, dossierId])) as Array<{ id: string }>;
    await http().post(`/api/v1/folders/${folderId}/actions/sign`).set(maire.headers).send({ pin: PIN }).expect((r) => {
      if (r.status >= 300) throw new Error(`sign: ${r.status} ${r.text}`);
    });
    const statuses = async () => childrenOf(await call(`<ns:GetHistoDossierRequest>${dossierId}</ns:GetHistoDossierRequest>`), 'LogDossier').map((log) => textIn(log, 'status'));
    expect(await pollUntil(statuses, (list) => list[list.length - 1] === 'Archive', 120_000)).toEqual(['NonLu', 'NonLu', 'Signe', 'Archive']);

    const dossier = await call(`<ns:GetDossierRequest>${dossierId}</ns:GetDossierRequest>`);
    expect(textIn(dossier, 'DocPrincipal')).toBeUndefined();
    const signed = Buffer.from(textIn(dossier, 'FichierPES') ?? '', 'base64');
    const [{ chain_pem: chainPem }] = (await app.get(DataSource).query('SELECT chain_pem FROM signing_keys WHERE tenant_id = $1 AND user_id = $2 AND revoked_at IS NULL', [town.tenant.id, maireId])) as Array<{ chain_pem: string }>;
    for (const id of ['BORD_2026_0001_SIG_1', 'BORD_2026_0002_SIG_1']) expect({ id, ...(await xmlsecVerifyWith(signed, id, rootPem, chainPem)) }).toMatchObject({ id, ok: true });
    expect(withoutSignatures(signed).equals(pes)).toBe(true);
    expect(Buffer.from(textIn(dossier, 'VisuelPDF') ?? '', 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const annexes = childrenOf(childrenOf(dossier, 'DocumentsAnnexes')[0], 'DocAnnexe');
    expect(annexes.map((a) => textIn(a, 'nom'))).toEqual(['bordereau-de-preuve.pdf']);
  }, 240_000);
});
