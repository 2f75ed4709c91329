import SignaturePad from 'signature_pad';
import { useEffect, useRef, useState } from 'preact/hooks';
import { deleteHandwrittenSignature, handwrittenSignatureUrl, saveHandwrittenSignature } from '../api/endpoints';
import { errorMessage } from '../api/problem';
import { fr } from '../i18n/fr';
import { showFlash } from '../lib/flash';
import { logout } from '../lib/session';

/** What earlier versions kept on the device; the profile holds it now. */
const LEGACY_LOCAL_KEY = 'parapheur.handwritten-signature';
/** The server accepts up to 2000 × 1000 pixels; a wide canvas on a high-density screen is scaled down first. */
const MAX_EXPORT = { width: 1200, height: 600 };

/** Sizes the canvas backing store to its CSS box so strokes stay sharp and under the finger. */
function fitCanvas(canvas: HTMLCanvasElement, pad: SignaturePad): void {
  const ratio = Math.max(window.devicePixelRatio || 1, 1);
  const data = pad.toData();
  canvas.width = canvas.offsetWidth * ratio;
  canvas.height = canvas.offsetHeight * ratio;
  canvas.getContext('2d')?.scale(ratio, ratio);
  pad.clear();
  pad.fromData(data);
}

/** The drawing as a PNG (transparent background), no larger than MAX_EXPORT. */
function exportPng(canvas: HTMLCanvasElement): Promise<Blob> {
  const scale = Math.min(1, MAX_EXPORT.width / canvas.width, MAX_EXPORT.height / canvas.height);
  let source = canvas;
  if (scale < 1) {
    source = document.createElement('canvas');
    source.width = Math.round(canvas.width * scale);
    source.height = Math.round(canvas.height * scale);
    source.getContext('2d')?.drawImage(canvas, 0, 0, source.width, source.height);
  }
  return new Promise((resolve, reject) => source.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG export failed'))), 'image/png'));
}

export function SignaturePage() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  /** Bumped after each change so the "current" image is fetched again; null once we know there is none. */
  const [savedVersion, setSavedVersion] = useState<number | null>(() => Date.now());
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    localStorage.removeItem(LEGACY_LOCAL_KEY);
    const element = canvas.current;
    if (!element) return;
    const instance = new SignaturePad(element, { penColor: '#10244a', minWidth: 1, maxWidth: 3 });
    pad.current = instance;
    const update = () => setPreview(instance.isEmpty() ? null : instance.toDataURL('image/png'));
    instance.addEventListener('endStroke', update);
    const resize = () => fitCanvas(element, instance);
    resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.off();
    };
  }, []);

  const clear = () => {
    pad.current?.clear();
    setPreview(null);
  };

  const run = async (action: () => Promise<unknown>, done: string, next: number | null) => {
    setBusy(true);
    try {
      await action();
      setSavedVersion(next);
      showFlash('success', done);
    } catch (failure) {
      showFlash('error', errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    const element = canvas.current;
    if (!pad.current || !element || pad.current.isEmpty()) {
      showFlash('error', fr.signaturePad.empty);
      return;
    }
    const png = await exportPng(element);
    await run(() => saveHandwrittenSignature(png), fr.signaturePad.savedToProfile, Date.now());
  };

  return (
    <section class="signature">
      <h1>{fr.signaturePad.title}</h1>
      <p class="muted">{fr.signaturePad.explain}</p>
      <div class="signature__pad">
        <canvas ref={canvas} aria-label={fr.signaturePad.canvasLabel} data-testid="signature-canvas" />
      </div>
      <div class="button-row">
        <button type="button" class="button button--secondary" onClick={clear}>{fr.signaturePad.clear}</button>
        <button type="button" class="button button--primary" disabled={busy} onClick={() => void save()} data-testid="signature-save">{fr.signaturePad.save}</button>
      </div>
      <div class="signature__previews">
        <figure class="card">
          <figcaption>{fr.signaturePad.preview}</figcaption>
          {preview ? <img src={preview} alt={fr.signaturePad.preview} data-testid="signature-preview" /> : <p class="muted">{fr.signaturePad.empty}</p>}
        </figure>
        <figure class="card">
          <figcaption>{fr.signaturePad.current}</figcaption>
          {savedVersion !== null ? (
            <img src={handwrittenSignatureUrl(savedVersion)} alt={fr.signaturePad.current} data-testid="signature-current" onError={() => setSavedVersion(null)} />
          ) : (
            <p class="muted">{fr.signaturePad.none}</p>
          )}
        </figure>
      </div>
      <div class="button-row signature__session">
        {savedVersion !== null && (
          <button type="button" class="button button--secondary" disabled={busy} onClick={() => void run(deleteHandwrittenSignature, fr.signaturePad.removed, null)}>
            {fr.signaturePad.remove}
          </button>
        )}
        <button type="button" class="button button--secondary" onClick={() => void logout(true)}>{fr.nav.logoutEverywhere}</button>
      </div>
    </section>
  );
}
