import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

export type { PDFDocumentProxy, PDFPageProxy };

/**
 * Opens a PDF by URL with range requests: pdf.js fetches what page 1 needs first and the rest
 * only when a page is drawn, which matters on a slow link. No eval (the CSP forbids it).
 */
export function openPdf(url: string): { promise: Promise<PDFDocumentProxy>; destroy: () => Promise<void> } {
  const task = getDocument({ url, withCredentials: true, isEvalSupported: false, disableAutoFetch: true, rangeChunkSize: 65536 });
  return { promise: task.promise, destroy: () => task.destroy() };
}

/** Draws one page to fit `cssWidth`, sharp on high-density screens. */
export async function drawPage(page: PDFPageProxy, canvas: HTMLCanvasElement, cssWidth: number): Promise<void> {
  const base = page.getViewport({ scale: 1 });
  const ratio = Math.min(window.devicePixelRatio || 1, 2);
  const viewport = page.getViewport({ scale: (cssWidth / base.width) * ratio });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  await page.render({ canvas, viewport }).promise;
}
