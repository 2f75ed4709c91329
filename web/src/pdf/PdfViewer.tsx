import { useEffect, useRef, useState } from 'preact/hooks';
import { fr } from '../i18n/fr';
import type { PDFDocumentProxy } from './pdfjs';

interface PageProps {
  doc: PDFDocumentProxy;
  number: number;
  aspect: number;
  eager: boolean;
}

/** One page: drawn at once for page 1, for the others when they come near the screen. */
function PdfPage({ doc, number, aspect, eager }: PageProps) {
  const holder = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    const element = holder.current;
    if (!element || drawn) return;
    let cancelled = false;
    const draw = async () => {
      const [{ drawPage }, page] = await Promise.all([import('./pdfjs'), doc.getPage(number)]);
      if (cancelled || !canvas.current) return;
      await drawPage(page, canvas.current, element.clientWidth);
      if (!cancelled) setDrawn(true);
    };
    if (eager) {
      void draw();
      return () => { cancelled = true; };
    }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        void draw();
      }
    }, { rootMargin: '400px 0px' });
    observer.observe(element);
    return () => { cancelled = true; observer.disconnect(); };
  }, [doc, number, eager, drawn]);

  return (
    <div ref={holder} class="pdf-page" style={{ aspectRatio: String(aspect) }} data-testid={`pdf-page-${number}`} data-drawn={drawn ? 'true' : 'false'}>
      <canvas ref={canvas} aria-label={fr.folder.page(number, doc.numPages)} role="img" />
      <span class="pdf-page__number">{fr.folder.page(number, doc.numPages)}</span>
    </div>
  );
}

/** pdf.js (about 1 MB) is fetched only when a document is shown, never with the app shell. */
export function PdfViewer({ url }: { url: string }) {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [aspect, setAspect] = useState(1 / Math.SQRT2);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let destroy: (() => Promise<void>) | null = null;
    let live = true;
    setDoc(null);
    setFailed(false);
    import('./pdfjs')
      .then(async ({ openPdf }) => {
        const opened = openPdf(url);
        destroy = opened.destroy;
        const loaded = await opened.promise;
        const first = await loaded.getPage(1);
        const viewport = first.getViewport({ scale: 1 });
        if (!live) return;
        setAspect(viewport.width / viewport.height);
        setDoc(loaded);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
      void destroy?.();
    };
  }, [url]);

  if (failed) return <p class="notice notice--error" role="alert">{fr.folder.pdfError}</p>;
  if (!doc) return <p class="loading pdf-loading">{fr.folder.pdfLoading}</p>;
  return (
    <div class="pdf-viewer">
      {Array.from({ length: doc.numPages }, (_, index) => (
        <PdfPage key={index + 1} doc={doc} number={index + 1} aspect={aspect} eager={index === 0} />
      ))}
    </div>
  );
}
