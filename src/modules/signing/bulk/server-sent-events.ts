import type { Response } from 'express';
import { type Observable, Subscription } from 'rxjs';

const KEEP_ALIVE_MS = 15_000;

/**
 * Writes an Observable as text/event-stream on an Express response: one `event:`/`data:` block per
 * value, a comment line every 15 s to keep proxies from closing it, the end when the source ends,
 * fails, or the client goes away.
 */
export function streamServerSentEvents<T>(response: Response, source: Observable<T>, format: (value: T) => { event: string; data: unknown }): void {
  response.status(200);
  response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  response.setHeader('Cache-Control', 'no-cache, no-transform');
  response.setHeader('Connection', 'keep-alive');
  response.setHeader('X-Accel-Buffering', 'no');
  response.flushHeaders();
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  const subscription = new Subscription();
  const end = () => {
    clearInterval(keepAlive);
    subscription.unsubscribe();
    if (!response.writableEnded) response.end();
  };
  subscription.add(source.subscribe({
    next: (value) => {
      const { event, data } = format(value);
      response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    error: () => {
      response.write('event: error\ndata: {"detail":"Le suivi de l’action groupée s’est interrompu : rechargez la page."}\n\n');
      end();
    },
    complete: end,
  }));
  response.on('close', end);
}
