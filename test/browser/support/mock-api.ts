import type { Page, Route } from 'playwright-core';
import { signaturePng } from '../../helpers/png';

/** Demo data for the UI tests that drive the app against a scripted API (page.route). */
const MAIRE = {
  user: { id: 'u-maire', email: 'maire@demo.parapheur.fr', displayName: 'Marie Dupont', title: 'Maire', roles: ['signer'] },
  roles: ['signer'],
  desks: [{ id: 'd-maire', name: 'Maire' }],
  delegatedDesks: [
    { deskId: 'd-fin', deskName: 'Adjoint aux finances', label: 'En l’absence de : Adjoint aux finances', endsAt: '2026-12-04T00:00:00.000Z', delegationId: 'g1', viaDesk: { id: 'd-maire', name: 'Maire' }, typologyIds: null },
  ],
  csrfToken: 'csrf-demo-token',
};

const TYPO = { id: 't-delib', type: 'Délibérations', subtype: 'Conseil municipal' };
const TYPO_FIN = { id: 't-fin', type: 'Finances', subtype: 'Bordereau de mandats' };
const TYPO_ARR = { id: 't-arr', type: 'Arrêtés', subtype: 'Voirie' };
const DESKS = [
  { id: 'd-maire', name: 'Maire', parentId: null, holders: [] },
  { id: 'd-fin', name: 'Adjoint aux finances', parentId: null, holders: [] },
  { id: 'd-dgs', name: 'DGS', parentId: null, holders: [] },
  { id: 'd-seal', name: 'Cachet de la commune', parentId: null, holders: [] },
];

function summary(id: string, title: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    typologyId: TYPO.id,
    title,
    externalId: null,
    status: 'in_progress',
    currentStep: 1,
    currentStepKind: 'signature',
    metadata: {},
    dueAt: '2026-12-27T17:00:00.000Z',
    finishedReason: null,
    createdAt: '2026-11-20T09:15:00.000Z',
    updatedAt: '2026-11-21T10:42:00.000Z',
    ...extra,
  };
}

export const TO_SIGN = [
  summary('f1', 'Délibération n° 2026-041 — Budget primitif 2027', { externalId: 'DELIB-2026-041' }),
  summary('f2', 'Arrêté de voirie — rue des Tilleuls', { typologyId: TYPO_ARR.id }),
  summary('f4', 'Convention de mise à disposition — salle des fêtes'),
  summary('f5', 'Marché public — entretien des espaces verts', { dueAt: '2026-11-18T17:00:00.000Z' }),
];
const DELEGATED = [summary('f3', 'Bordereau de mandats n° 118', { typologyId: TYPO_FIN.id, externalId: 'MANDATS-118' })];
const TO_APPROVE = [
  summary('f6', 'Contrat de location — logement communal', { currentStep: 0, currentStepKind: 'visa' }),
  summary('f7', 'Subvention — association sportive', { currentStep: 0, currentStepKind: 'visa' }),
];
const LATE = [TO_SIGN[3]];
const ALL = [...TO_SIGN, ...DELEGATED, ...TO_APPROVE];

function actor(action: string, deskId: string, name: string, at: string): Record<string, unknown> {
  return { action, deskId, userId: 'u-x', name, onBehalfOfDeskId: null, reason: null, round: 1, at };
}

function version(size: number): Record<string, unknown>[] {
  return [{ id: `v-${size}`, version: 1, size, signature: null, createdAt: '2026-11-20T09:15:00.000Z' }];
}

function detail(id: string): Record<string, unknown> {
  const base = ALL.find((folder) => folder.id === id) ?? TO_SIGN[0];
  return {
    ...base,
    metadata: { montant: 1250000, 'séance': '2026-11-18', rapporteur: 'M. Bernard' },
    circuitVersionId: 'cv1',
    createdByUserId: 'u-sec',
    createdByApiKeyId: null,
    documents: [
      { id: 'doc1', role: 'main', fileName: 'deliberation-2026-041.pdf', contentType: 'application/pdf', position: 0, versions: version(48210) },
      { id: 'ann1', role: 'annex', fileName: 'annexe-budget-detaille.pdf', contentType: 'application/pdf', position: 0, versions: version(182300) },
      { id: 'ann2', role: 'annex', fileName: 'rapport-commission-finances.pdf', contentType: 'application/pdf', position: 1, versions: version(96400) },
    ],
    steps: [
      { id: 's0', position: 0, kind: 'visa', name: null, deskIds: ['d-dgs'], quorum: 'any', status: 'done', round: 1, actors: [actor('visa', 'd-dgs', 'Paul Durand', '2026-11-21T10:42:00.000Z')], completedAt: '2026-11-21T10:42:00.000Z' },
      { id: 's1', position: 1, kind: 'signature', name: null, deskIds: ['d-maire'], quorum: 'any', status: 'active', round: 1, actors: [], completedAt: null },
      { id: 's2', position: 2, kind: 'seal', name: null, deskIds: ['d-seal'], quorum: 'any', status: 'pending', round: 1, actors: [], completedAt: null },
    ],
    comments: [{ id: 'c1', body: 'Montants vérifiés avec la trésorerie.', authorName: 'Paul Durand', visibility: 'public', createdAt: '2026-11-21T10:41:00.000Z' }],
  };
}

export interface MockApi {
  /** Requests the app sent, as "METHOD path". */
  calls: string[];
  /** Whether each state-changing call carried the CSRF header. */
  csrfMissing: string[];
  signedIds: Set<string>;
  /** Multipart part names of the last POST /folders, in order (files as "name:filename"). */
  created: string[];
  /** Multipart parts of the last PUT /me/signature-image ("file:signature.png"). */
  signatureParts: string[];
  /** Idempotency-Key of each POST /folders received. */
  creationKeys: string[];
  /** The `folder` JSON part of the last POST /folders. */
  folderPart: unknown;
}

const TYPOLOGIES = [
  { ...TYPO_ARR, metadataSchema: { fields: [] }, requiredAnnexes: [] },
  {
    ...TYPO,
    metadataSchema: {
      fields: [
        { name: 'montant', label: 'Montant (€)', type: 'number', min: 0 },
        { name: 'seance', label: 'Date de séance', type: 'date', required: true },
        { name: 'urgent', label: 'Urgent', type: 'boolean' },
      ],
    },
    requiredAnnexes: [{ name: 'Rapport de présentation' }],
  },
  { ...TYPO_FIN, metadataSchema: { fields: [] }, requiredAnnexes: [] },
];

/** Names of the parts of a multipart body (enough to check what the app sent). */
function multipartParts(body: Buffer | null): string[] {
  if (!body) return [];
  const text = body.toString('latin1');
  return [...text.matchAll(/Content-Disposition: form-data; name="([^"]+)"(?:; filename="([^"]+)")?/g)].map((match) => (match[2] ? `${match[1]}:${match[2]}` : match[1]));
}

function json(route: Route, status: number, body: unknown): Promise<void> {
  return route.fulfill({ status, contentType: status >= 400 ? 'application/problem+json' : 'application/json', body: JSON.stringify(body) });
}

/** Routes /api/v1 to scripted answers; `failFolder` makes that folder's signature fail in bulk. */
const CLERK = {
  ...MAIRE,
  user: { ...MAIRE.user, id: 'u-sec', email: 'secretariat@demo.parapheur.fr', displayName: 'Sophie Martin', title: 'Secrétaire de mairie', roles: ['clerk'] },
  roles: ['clerk'],
  desks: [{ id: 'd-sec', name: 'Secrétariat' }],
  delegatedDesks: [],
};

export async function mockApi(page: Page, pdf: Buffer, options: { failFolder?: string; clerk?: boolean; dropFirstUpload?: boolean } = {}): Promise<MockApi> {
  const me = options.clerk ? CLERK : MAIRE;
  const state: MockApi = { calls: [], csrfMissing: [], signedIds: new Set(), created: [], creationKeys: [], folderPart: null, signatureParts: [] };
  let loggedIn = false;
  let batchPolls = 0;
  const batchItems = () =>
    ['f1', 'f2', 'f3'].map((id) => ({
      folderId: id,
      status: id === options.failFolder ? 'failed' : 'done',
      error: id === options.failFolder ? 'Le certificat de signature a expiré le 20/11/2026 : demandez-en un nouveau à l’administrateur.' : null,
    }));

  await page.route('**/api/v1/**', async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    const path = url.pathname.replace('/api/v1', '');
    const method = request.method();
    state.calls.push(`${method} ${path}`);
    if (method !== 'GET' && path !== '/auth/login' && request.headers()['x-csrf-token'] !== MAIRE.csrfToken) state.csrfMissing.push(`${method} ${path}`);

    if (path === '/me') return loggedIn ? json(route, 200, me) : json(route, 401, { status: 401, title: 'Unauthorized', detail: 'Connectez-vous.' });
    if (path === '/auth/login') {
      const body = request.postDataJSON() as { password?: string };
      if (body.password !== 'bon-mot-de-passe') return json(route, 401, { type: 'https://parapheur.fr/problems/invalid-credentials', status: 401, title: 'Invalid credentials', detail: 'Adresse e-mail ou mot de passe incorrect.' });
      loggedIn = true;
      return json(route, 200, { user: me.user, csrfToken: MAIRE.csrfToken, expiresAt: '2026-11-23T23:00:00.000Z' });
    }
    if (path === '/auth/logout') {
      loggedIn = false;
      return route.fulfill({ status: 204 });
    }
    if (path === '/desks') return json(route, 200, DESKS);
    if (path === '/folders' && method === 'GET') {
      const view = url.searchParams.get('view');
      const pending = (folders: Record<string, unknown>[]) => folders.filter((f) => !state.signedIds.has(String(f.id)));
      if (view === 'to-act') return json(route, 200, { items: pending([...TO_SIGN, ...TO_APPROVE]), nextCursor: null });
      if (view === 'delegated') return json(route, 200, { items: pending(DELEGATED), nextCursor: null });
      if (view === 'late') return json(route, 200, { items: LATE, nextCursor: null });
      if (view === 'done') return json(route, 200, { items: ALL.filter((f) => state.signedIds.has(String(f.id))).map((f) => ({ ...f, status: 'completed', currentStep: null })), nextCursor: null });
      return json(route, 200, { items: ALL, nextCursor: null });
    }
    if (/^\/folders\/[^/]+\/documents\/[^/]+\/versions\/\d+\/content$/.test(path)) return route.fulfill({ status: 200, contentType: 'application/pdf', body: pdf });
    if (/^\/folders\/[^/]+\/actions\/reject$/.test(path)) return json(route, 200, { ...detail('f1'), status: 'rejected' });
    if (path === '/folders/f-new') return json(route, 200, { ...detail('f1'), id: 'f-new', title: 'Délibération n° 2026-060 — Budget annexe de l’eau' });
    if (/^\/folders\/[^/]+$/.test(path)) return json(route, 200, detail(path.split('/')[2]));
    if (path === '/bulk-actions' && method === 'POST') return json(route, 202, { batchId: 'b1' });
    if (path === '/bulk-actions/b1/events') {
      const final = batchItems();
      for (const item of final) if (item.status === 'done') state.signedIds.add(item.folderId);
      const snapshot = (n: number) => {
        const items = final.map((item, index) => (index < n ? item : { ...item, status: 'queued', error: null }));
        return { id: 'b1', action: 'sign', status: n === final.length ? 'done' : 'running', total: final.length, done: items.filter((i) => i.status === 'done').length, failed: items.filter((i) => i.status === 'failed').length, items };
      };
      const body = [1, 2].map((n) => `event: progress\ndata: ${JSON.stringify(snapshot(n))}\n\n`).join('') + `event: done\ndata: ${JSON.stringify(snapshot(3))}\n\n`;
      return route.fulfill({ status: 200, contentType: 'text/event-stream', body });
    }
    if (path === '/bulk-actions/b1') {
      batchPolls += 1;
      const items = batchItems().map((item) => (batchPolls === 1 ? { ...item, status: 'queued', error: null } : item));
      return json(route, 200, { id: 'b1', action: 'sign', status: batchPolls === 1 ? 'running' : 'done', items });
    }
    if (path === '/typologies') return json(route, 200, TYPOLOGIES);
    if (path === '/folders' && method === 'POST') {
      state.creationKeys.push(request.headers()['idempotency-key'] ?? '');
      if (options.dropFirstUpload && state.creationKeys.length === 1) return route.abort('connectionreset');
      state.created = multipartParts(request.postDataBuffer());
      const folderText = /name="folder"\r\n\r\n([^\r]*)\r\n/.exec(request.postDataBuffer()?.toString('utf8') ?? '')?.[1];
      state.folderPart = folderText ? (JSON.parse(folderText) as unknown) : null;
      return json(route, 201, { ...detail('f1'), id: 'f-new', title: 'Délibération n° 2026-060 — Budget annexe de l’eau' });
    }
    if (path === '/me/signature-image' && method === 'PUT') {
      state.signatureParts = multipartParts(request.postDataBuffer());
      return json(route, 200, { width: 300, height: 120, size: 1000, sha256: '0'.repeat(64), updatedAt: '2026-11-23T10:00:00.000Z' });
    }
    if (path === '/me/signature-image' && method === 'GET' && state.signatureParts.length > 0) return route.fulfill({ status: 200, contentType: 'image/png', body: signaturePng() });
    if (path === '/me/signature-image') return json(route, 404, { status: 404, title: 'Not found', detail: 'Aucune ressource à cette adresse.' });
    return json(route, 404, { status: 404, title: 'Not found', detail: 'Aucune ressource à cette adresse.' });
  });
  return state;
}
