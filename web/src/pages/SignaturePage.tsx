import SignaturePad from 'signature_pad';
import { useEffect, useRef, useState } from 'preact/hooks';
import { saveHandwrittenSignature } from '../api/endpoints';
import { ApiError, errorMessage } from '../api/problem';
import { fr } from '../i18n/fr';
import { showFlash } from '../lib/flash';
import { logout } from '../lib/session';

const LOCAL_KEY = 'parapheur.handwritten-signature';

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

export function SignaturePage() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(() => localStorage.getItem(LOCAL_KEY));
  const [busy, setBusy] = useState(false);

  useEffect(() => {
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

  const save = async () => {
    if (!pad.current || pad.current.isEmpty()) {
      showFlash('error', fr.signaturePad.empty);
      return;
    }
    const image = pad.current.toDataURL('image/png');
    setBusy(true);
    try {
      await saveHandwrittenSignature(image);
      showFlash('success', fr.signaturePad.saved);
    } catch (failure) {
      if (failure instanceof ApiError && (failure.status === 404 || failure.status === 405)) {
        showFlash('success', fr.signaturePad.savedLocally);
      } else {
        showFlash('error', errorMessage(failure));
        setBusy(false);
        return;
      }
    }
    localStorage.setItem(LOCAL_KEY, image);
    setSaved(image);
    setBusy(false);
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
          {saved ? <img src={saved} alt={fr.signaturePad.current} /> : <p class="muted">{fr.signaturePad.none}</p>}
        </figure>
      </div>
      <div class="button-row signature__session">
        <button type="button" class="button button--secondary" onClick={() => void logout(true)}>{fr.nav.logoutEverywhere}</button>
      </div>
    </section>
  );
}
