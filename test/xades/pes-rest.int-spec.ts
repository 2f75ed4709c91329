/**
 * A PES V2 flow (PES_Aller, two bordereaux, ISO-8859-1) through the REST API: created as the main
 * document (application/xml), signed by a person on a signature step through the queue, downloaded
 * and verified by Debian's xmlsec1, bordereau by bordereau; bad XML refused as 422 problem+json.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { StepKind } from '../../src/modules/folders/folder-state-machine';
import { generatePes } from '../fixtures/pes/pes-generator';
import { createFoldersTestApp, postFolder, storedRows } from '../integration/folders-harness';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { pollUntil } from '../support/node-process';
import { createDesk, createPerson, logIn } from '../support/people';
import { expectProblem } from '../support/problem';
import { taskStatuses } from '../support/signing-folders';
import { DS, signaturesIn, withoutSignatures, XAD, xmlsecVerifyWith } from './xmlsec';

/** supertest parser keeping a binary body as a Buffer (the parser is handed the raw response stream). */
function binary(res: request.Response, done: (error: Error | null, body: unknown) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

interface ApiDocument {
  id: string;
  role: string;
  contentType: string;
  versions: Array<{ version: number; signature: { level: string; signerName: string } | null }>;
}

let app: NestExpressApplication;
let dataSource: DataSource;
let town: TenantWithKey;
let typologyId: string;
let signer: { email: string; id: string };

const http = () => request(app.getHttpServer());
const PIN = '135790';

beforeAll(async () => {
  const harness = await createFoldersTestApp();
  app = harness.app;
  dataSource = harness.dataSource;
  town = await createTenantWithKey(app);
  await dataSource.query('UPDATE tenants SET city = $2, postal_code = $3 WHERE id = $1', [town.tenant.id, 'Saint-Étienne-lès-Orgues', '04230']);
  signer = await createPerson(app, town.tenant.id, { displayName: 'Hélène Ordonnatrice' });
  const deskId = await createDesk(app, town.tenant.id, 'Ordonnateur délégué', [signer.id]);
  const session = await logIn(app, signer.email);
  await http().post('/api/v1/me/signing-key').set(session.headers).send({ pin: PIN }).expect(201);
  typologyId = await harness.typology(town.bearer, [{ kind: StepKind.Signature, deskIds: [deskId] }]);
}, 90_000);

afterAll(async () => {
  await app?.close();
});

it('signs each bordereau of a PES sent as application/xml; xmlsec1 verifies both and the rest of the file is unchanged', async () => {
  const pes = generatePes({ encoding: 'ISO-8859-1', newline: '\r\n' });
  const created = await postFolder(app, town.bearer, { typologyId, title: 'Mandats novembre 2026', start: true, xmlSignatureXPath: '//Bordereau' }, {
    documents: [{ name: 'PESALR2_novembre.xml', bytes: pes, contentType: 'application/xml' }],
  });
  expect(created.status).toBe(201);
  const folderId = (created.body as { id: string }).id;

  const session = await logIn(app, signer.email);
  const accepted = await http().post(`/api/v1/folders/${folderId}/actions/sign`).set(session.headers).send({ pin: PIN }).expect(202);
  const taskIds = (accepted.body.tasks as Array<{ id: string }>).map((t) => t.id);
  const tasks = await pollUntil(() => taskStatuses(app, taskIds), (rows) => rows.every((t) => t.status === 'done' || t.status === 'failed'), 60_000);
  expect(tasks).toEqual([expect.objectContaining({ status: 'done', error: null })]);

  const folder = await http().get(`/api/v1/folders/${folderId}`).set(town.bearer).expect(200);
  const main = (folder.body.documents as ApiDocument[]).find((d) => d.role === 'main');
  expect(main).toMatchObject({ contentType: 'application/xml' });
  expect(main?.versions.map((v) => v.version)).toEqual([1, 2]);
  expect(main?.versions[1].signature).toMatchObject({ level: 'XAdES-EPES', signerName: 'Hélène Ordonnatrice' });
  // What the signer reads: a generated « Visuel PDF » listing the bordereaux and their totals.
  const annexes = (folder.body.documents as Array<ApiDocument & { fileName: string }>).filter((d) => d.role === 'annex');
  expect(annexes.map((a) => [a.fileName, a.contentType])).toEqual([['Visuel PDF.pdf', 'application/pdf']]);
  const visual = await http().get(`/api/v1/folders/${folderId}/documents/${annexes[0].id}/versions/1/content`).set(town.bearer).buffer(true).parse(binary);
  const visualText = execFileSync('pdftotext', ['-', '-'], { input: visual.body as Buffer, encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(visualText).toContain('Id BORD_2026_0001');
  expect(visualText).toContain('Id BORD_2026_0002');
  expect(visualText).toContain('Total des bordereaux : 5 562,35 €');
  const download = await http().get(`/api/v1/folders/${folderId}/documents/${main?.id}/versions/2/content`).set(town.bearer).buffer(true).parse(binary);
  expect(download.status).toBe(200);
  expect(download.headers['content-type']).toMatch(/^application\/xml/);
  const signed = download.body as Buffer;

  const root = (await http().get('/api/v1/signing/ca').set(town.bearer).expect(200)).body.rootCertificatePem as string;
  const [{ chain_pem: chainPem }] = (await dataSource.query('SELECT chain_pem FROM signing_keys WHERE tenant_id = $1 AND user_id = $2 AND revoked_at IS NULL', [town.tenant.id, signer.id])) as Array<{ chain_pem: string }>;
  for (const id of ['BORD_2026_0001_SIG_1', 'BORD_2026_0002_SIG_1']) {
    const verdict = await xmlsecVerifyWith(signed, id, root, chainPem);
    expect({ id, ...verdict }).toMatchObject({ id, ok: true });
  }
  expect(withoutSignatures(signed).equals(pes)).toBe(true);

  const signatures = signaturesIn(signed, 'latin1');
  expect(signatures.map((s) => (s.parentNode as Element).getAttribute('Id'))).toEqual(['BORD_2026_0001', 'BORD_2026_0002']);
  for (const signature of signatures) {
    expect(signature.getElementsByTagNameNS(XAD, 'ClaimedRole')[0].textContent).toBe('Ordonnateur délégué');
    expect(signature.getElementsByTagNameNS(XAD, 'City')[0].textContent).toBe('Saint-Étienne-lès-Orgues');
    expect(signature.getElementsByTagNameNS(XAD, 'PostalCode')[0].textContent).toBe('04230');
    expect(signature.getElementsByTagNameNS(DS, 'X509Certificate')).toHaveLength(1);
    // The Hélios policy asks for RSA-SHA256: people's keys are RSA so their PES signatures are.
    expect(signature.getElementsByTagNameNS(DS, 'SignatureMethod')[0].getAttribute('Algorithm')).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
  }

  const evidence = await http().get(`/api/v1/folders/${folderId}/evidence`).set(town.bearer).expect(200);
  const evidenceMain = (evidence.body.documents as Array<{ role: string; versions: Array<{ signature: { xmlSignatures?: unknown[] } | null }> }>).find((d) => d.role === 'main');
  expect(evidenceMain?.versions[1].signature?.xmlSignatures).toEqual([
    { signatureId: 'BORD_2026_0001_SIG_1', bordereauId: 'BORD_2026_0001', signedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/) },
    { signatureId: 'BORD_2026_0002_SIG_1', bordereauId: 'BORD_2026_0002', signedAt: expect.stringMatching(/Z$/) },
  ]);
  const pdf = await http().get(`/api/v1/folders/${folderId}/evidence.pdf`).set(town.bearer).buffer(true).parse(binary);
  expect(pdf.status).toBe(200);
  const text = execFileSync('pdftotext', ['-', '-'], { input: pdf.body as Buffer, encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(text).toContain('Bordereau BORD_2026_0001 : signature XAdES BORD_2026_0001_SIG_1');
  expect(text).toContain('Bordereau BORD_2026_0002 : signature XAdES BORD_2026_0002_SIG_1');
}, 120_000);

it('keeps the sender’s own « Visuel PDF » annex instead of generating one', async () => {
  const own = Buffer.from('%PDF-1.4 visuel fourni par le logiciel financier');
  const created = await postFolder(app, town.bearer, { typologyId, title: 'Titres de recettes', annexes: [{ label: 'Visuel PDF' }] }, {
    documents: [{ name: 'PESALR2_titres.xml', bytes: generatePes({ encoding: 'UTF-8' }), contentType: 'text/xml' }],
    annexes: [{ name: 'Visuel PDF.pdf', bytes: own, contentType: 'application/pdf' }],
  });
  expect(created.status).toBe(201);
  const folder = await http().get(`/api/v1/folders/${(created.body as { id: string }).id}`).set(town.bearer).expect(200);
  expect((folder.body.documents as Array<{ role: string; fileName: string; contentType: string }>).map((d) => [d.role, d.fileName, d.contentType])).toEqual([
    ['main', 'PESALR2_titres.xml', 'application/xml'],
    ['annex', 'Visuel PDF.pdf', 'application/pdf'],
  ]);
});

describe('XML main documents that cannot be signed are refused with 422 problem+json, nothing stored', () => {
  const cases: Array<[string, Buffer, string, Record<string, unknown>?]> = [
    ['malformed XML', Buffer.from('<?xml version="1.0"?><PES_Aller><Bordereau Id="B1"></PES_Aller>'), 'document-xml-refused'],
    ['an external entity (XXE)', Buffer.from('<?xml version="1.0"?><!DOCTYPE PES_Aller [<!ENTITY x SYSTEM "file:///etc/passwd">]><PES_Aller><Bordereau Id="B1">&x;</Bordereau></PES_Aller>'), 'document-xml-refused'],
    ['another XML document', Buffer.from('<?xml version="1.0"?><Deliberation><Titre>Budget</Titre></Deliberation>'), 'document-not-pes'],
    ['an XPath that is not supported', generatePes({ encoding: 'UTF-8' }), 'document-not-pes', { xmlSignatureXPath: '//Piece' }],
  ];
  it.each(cases)('%s', async (_name, bytes, code, extra = {}) => {
    const before = await storedRows(dataSource, town.tenant.id);
    const response = await postFolder(app, town.bearer, { typologyId, title: `Refus ${randomUUID().slice(0, 6)}`, start: true, ...extra }, {
      documents: [{ name: 'flux.xml', bytes, contentType: 'application/xml' }],
    });
    const body = expectProblem(response, 422, code);
    expect(body.detail).toContain('« flux.xml »');
    expect(await storedRows(dataSource, town.tenant.id)).toEqual(before);
  });
});
