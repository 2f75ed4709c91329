import { useEffect, useRef, useState } from 'preact/hooks';
import { frAdmin } from './i18n';

const t = frAdmin.typologies;

interface Props {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  onPick: (point: { x: number; y: number }) => void;
}

interface Drawn {
  widthPt: number;
  heightPt: number;
}

/**
 * A page of a sample PDF (pdf.js, loaded only here) on which a click, or the arrow keys, puts the
 * stamp's top-left corner. Coordinates are PDF points from the bottom-left, as the PAdES engine takes them.
 */
export function StampPicker({ page, x, y, width, height, onPick }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [drawn, setDrawn] = useState<Drawn | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | 'error'>('idle');
  const canvas = useRef<HTMLCanvasElement>(null);
  const holder = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!file || !canvas.current || !holder.current) return;
    let live = true;
    setState('loading');
    const element = holder.current;
    const target = canvas.current;
    void (async () => {
      try {
        const [{ drawPage }, { getDocument }] = await Promise.all([import('../../pdf/pdfjs'), import('pdfjs-dist')]);
        const doc = await getDocument({ data: new Uint8Array(await file.arrayBuffer()), isEvalSupported: false }).promise;
        const number = page === -1 || page > doc.numPages ? doc.numPages : Math.max(1, page);
        const pdfPage = await doc.getPage(number);
        const base = pdfPage.getViewport({ scale: 1 });
        await drawPage(pdfPage, target, element.clientWidth);
        if (live) { setDrawn({ widthPt: base.width, heightPt: base.height }); setState('idle'); }
      } catch {
        if (live) setState('error');
      }
    })();
    return () => { live = false; };
  }, [file, page]);

  const pick = (event: MouseEvent) => {
    const element = holder.current;
    if (!drawn || !element) return;
    const box = element.getBoundingClientRect();
    const scale = drawn.widthPt / box.width;
    const left = Math.max(0, Math.round((event.clientX - box.left) * scale));
    const top = Math.round((event.clientY - box.top) * scale);
    onPick({ x: left, y: Math.max(0, Math.round(drawn.heightPt - top - height)) });
  };
  const nudge = (event: KeyboardEvent) => {
    const steps: Record<string, [number, number]> = { ArrowLeft: [-10, 0], ArrowRight: [10, 0], ArrowUp: [0, 10], ArrowDown: [0, -10] };
    const step = steps[event.key];
    if (!step) return;
    event.preventDefault();
    onPick({ x: Math.max(0, x + step[0]), y: Math.max(0, y + step[1]) });
  };
  const box = holder.current?.getBoundingClientRect();
  const ratio = drawn && box ? box.width / drawn.widthPt : 0;

  return (
    <div class="stack admin-stamp">
      <label class="field">
        <span>{t.pickFile}</span>
        <input type="file" accept="application/pdf,.pdf" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
      </label>
      {file && <p class="muted">{t.pickHelp}</p>}
      {state === 'loading' && <p class="loading">{t.pickLoading}</p>}
      {state === 'error' && <p class="notice notice--error" role="alert">{t.pickError}</p>}
      <div ref={holder} class={`admin-stamp__page${file ? '' : ' admin-stamp__page--empty'}`} tabIndex={drawn ? 0 : -1} role="application" aria-label={t.pickCanvas}
        data-testid="stamp-page" data-state={drawn ? 'drawn' : state} onClick={pick} onKeyDown={nudge}>
        <canvas ref={canvas} />
        {drawn && ratio > 0 && (
          <div class="admin-stamp__box" aria-hidden="true"
            style={{ left: `${x * ratio}px`, top: `${(drawn.heightPt - y - height) * ratio}px`, width: `${width * ratio}px`, height: `${height * ratio}px` }} />
        )}
      </div>
    </div>
  );
}
