import { useEffect, useState } from 'preact/hooks';
import { batchEventsUrl, getBatch } from '../api/endpoints';
import type { Batch, BulkItem } from '../api/types';

const POLL_MS = 2000;

export function isFinished(item: BulkItem): boolean {
  return item.status === 'done' || item.status === 'failed';
}

function merge(batch: Batch | null, update: unknown): Batch | null {
  if (typeof update !== 'object' || update === null) return batch;
  if ('items' in update && Array.isArray((update as Batch).items)) return update as Batch;
  const item = update as Partial<BulkItem>;
  if (!batch || typeof item.folderId !== 'string') return batch;
  return { ...batch, items: batch.items.map((current) => (current.folderId === item.folderId ? { ...current, ...item } : current)) };
}

/**
 * Live state of a bulk batch: the SSE stream (`progress` then `done`, each carrying the whole
 * batch) while it works, polling when the stream drops (proxies and poor links cut long connections).
 */
export function useBatch(id: string): { batch: Batch | null; error: unknown; streamLost: boolean } {
  const [batch, setBatch] = useState<Batch | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [streamLost, setStreamLost] = useState(false);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      getBatch(id)
        .then((next) => {
          if (!live) return;
          setBatch(next);
          if (!next.items.every(isFinished)) timer = setTimeout(poll, POLL_MS);
        })
        .catch((failure) => live && setError(failure));
    };
    getBatch(id).then((first) => live && setBatch((current) => current ?? first)).catch((failure) => live && setError(failure));
    const source = new EventSource(batchEventsUrl(id), { withCredentials: true });
    const onMessage = (event: MessageEvent<string>) => {
      try {
        const data = JSON.parse(event.data) as unknown;
        setBatch((current) => merge(current, data));
      } catch {
        // A keep-alive or a line we do not read.
      }
    };
    source.onmessage = onMessage;
    for (const name of ['progress', 'item']) source.addEventListener(name, onMessage as EventListener);
    source.addEventListener('done', ((event: MessageEvent<string>) => {
      onMessage(event);
      source.close();
    }) as EventListener);
    source.onerror = () => {
      source.close();
      if (!live) return;
      setStreamLost(true);
      poll();
    };
    return () => {
      live = false;
      source.close();
      clearTimeout(timer);
    };
  }, [id]);

  useEffect(() => {
    if (batch && batch.items.length > 0 && batch.items.every(isFinished)) setStreamLost(false);
  }, [batch]);

  return { batch, error, streamLost };
}
