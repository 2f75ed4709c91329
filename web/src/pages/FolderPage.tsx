import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { documentUrl, evidenceUrl, getFolder } from '../api/endpoints';
import type { FolderDetail, FolderDocument } from '../api/types';
import { CircuitDiagram } from '../components/CircuitDiagram';
import { CircuitStrip } from '../components/CircuitStrip';
import { ErrorNotice } from '../components/ErrorNotice';
import { Link } from '../components/Link';
import { fr } from '../i18n/fr';
import { formatDate, formatDateTime, formatNumber, formatSize } from '../lib/format';
import { directory, typologyLabel } from '../lib/directory';
import { activeStep } from '../lib/folder-facts';
import { session } from '../lib/session';
import { useStore } from '../lib/store';
import { PdfViewer } from '../pdf/PdfViewer';
import { FolderActions } from './folder-actions';

const SIGNING_POLL_MS = 1500;
const SIGNING_WATCH_MS = 120_000;
const FINISHED = new Set(['completed', 'rejected', 'withdrawn', 'archived']);

function metadataText(value: unknown): string {
  if (typeof value === 'boolean') return value ? fr.create.yes : fr.create.no;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return formatDate(value);
  return String(value);
}

function DocumentLinks({ folderId, documents }: { folderId: string; documents: FolderDocument[] }) {
  if (documents.length === 0) return <p class="muted">{fr.folder.noAnnexes}</p>;
  return (
    <ul class="file-list">
      {documents.map((document) => (
        <li key={document.id}>
          <a href={documentUrl(folderId, document)} download={document.fileName}>{document.fileName}</a>
          <span class="muted"> · {formatSize(document.versions[document.versions.length - 1]?.size ?? 0)}</span>
        </li>
      ))}
    </ul>
  );
}

function Sidebar({ folder }: { folder: FolderDetail }) {
  const dir = useStore(directory);
  const typology = typologyLabel(dir, folder.typologyId);
  const annexes = folder.documents.filter((document) => document.role === 'annex');
  const entries = Object.entries(folder.metadata ?? {});
  return (
    <aside class="folder__side">
      <section class="card">
        <h2>{fr.folder.metadata}</h2>
        <dl class="meta">
          <dt>{fr.folder.status}</dt>
          <dd><span class={`status status--${folder.status}`}>{fr.status[folder.status]}</span></dd>
          {typology && (<><dt>{fr.folder.typology}</dt><dd>{typology}</dd></>)}
          {folder.externalId && (<><dt>{fr.folder.reference}</dt><dd>{folder.externalId}</dd></>)}
          <dt>{fr.folder.createdAt}</dt>
          <dd>{formatDateTime(folder.createdAt)}</dd>
          {folder.dueAt && (<><dt>{fr.folder.dueAt}</dt><dd>{formatDate(folder.dueAt)}</dd></>)}
          {entries.map(([name, value]) => (<Fragment key={name}><dt>{name}</dt><dd>{metadataText(value)}</dd></Fragment>))}
        </dl>
      </section>
      <section class="card">
        <h2>{fr.folder.circuit}</h2>
        <CircuitDiagram steps={folder.steps} />
      </section>
      <section class="card">
        <h2>{fr.folder.annexes}</h2>
        <DocumentLinks folderId={folder.id} documents={annexes} />
        {FINISHED.has(folder.status) && (
          <p><a href={evidenceUrl(folder.id)} download data-testid="evidence-link">{fr.folder.evidence}</a></p>
        )}
      </section>
      {folder.comments && folder.comments.length > 0 && (
        <section class="card">
          <h2>{fr.folder.comments}</h2>
          <ul class="comments">
            {folder.comments.map((item) => (
              <li key={item.id}><strong>{item.authorName}</strong> <span class="muted">{formatDateTime(item.createdAt)}</span><p>{item.body}</p></li>
            ))}
          </ul>
        </section>
      )}
    </aside>
  );
}

export function FolderPage({ id }: { id: string }) {
  const me = useStore(session);
  const [folder, setFolder] = useState<FolderDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [docIndex, setDocIndex] = useState(0);
  const [generation, setGeneration] = useState(0);

  const [signingStep, setSigningStep] = useState<{ id: string; since: number } | null>(null);

  useEffect(() => {
    let live = true;
    getFolder(id).then((loaded) => live && setFolder(loaded)).catch((failure) => live && setError(failure));
    return () => { live = false; };
  }, [id, generation]);

  // After "Signer" the worker signs in the background: reload until the step is no longer active.
  useEffect(() => {
    if (!signingStep || !folder) return;
    if (activeStep(folder)?.id !== signingStep.id || Date.now() - signingStep.since > SIGNING_WATCH_MS) {
      setSigningStep(null);
      return;
    }
    const timer = setTimeout(() => setGeneration((n) => n + 1), SIGNING_POLL_MS);
    return () => clearTimeout(timer);
  }, [folder, signingStep]);

  if (error) return <ErrorNotice error={error} />;
  if (!folder) return <p class="loading">{fr.app.loading}</p>;
  const mains = folder.documents.filter((document) => document.role === 'main');
  const current = mains[Math.min(docIndex, mains.length - 1)];

  return (
    <article class="folder">
      <div class="page-head">
        <Link href="/" class="button button--ghost">← {fr.app.back}</Link>
        <h1 class="folder__title">{folder.title}</h1>
      </div>
      {folder.finishedReason && <p class="notice notice--error">{folder.finishedReason}</p>}
      <CircuitStrip steps={folder.steps} />
      <div class="folder__layout">
        <section class="folder__doc" aria-label={fr.folder.documents}>
          {mains.length > 1 && (
            <div class="doc-tabs">
              {mains.map((document, index) => (
                <button key={document.id} type="button" class="chip" aria-pressed={index === docIndex} onClick={() => setDocIndex(index)}>
                  {document.fileName}
                </button>
              ))}
            </div>
          )}
          {current && (
            <>
              <p class="doc-head">
                <strong>{current.fileName}</strong>
                <a class="button button--ghost" href={documentUrl(folder.id, current)} download={current.fileName}>
                  {folder.status === 'completed' ? fr.folder.downloadSigned : fr.folder.download}
                </a>
              </p>
              <PdfViewer url={documentUrl(folder.id, current)} />
            </>
          )}
        </section>
        <Sidebar folder={folder} />
      </div>
      {signingStep && <p class="notice" role="status" data-testid="signing-in-progress">{fr.folder.signQueued}</p>}
      {me && !signingStep && (
        <FolderActions
          folder={folder}
          me={me}
          onChanged={(signing) => {
            const step = activeStep(folder);
            if (signing && step) setSigningStep({ id: step.id, since: Date.now() });
            setGeneration((n) => n + 1);
          }}
        />
      )}
    </article>
  );
}
