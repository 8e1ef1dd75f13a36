/**
 * The drawn signature: a canvas drawn on with a finger or the mouse (`signature_pad`, loaded
 * only when this field shows, so it is not part of the portal's first load), with Clear. The
 * typed name next to it is the accessible way to sign wherever the business allows a typed
 * signature; where it asks for a drawn one, the hint says so and how to get help.
 *
 * The canvas is sized to its box at the screen's pixel density (at most 2×, which keeps the PNG
 * small) and redrawn from its strokes when the box's width changes.
 */
import type { MutableRef } from 'preact/hooks';
import { useEffect, useRef, useState } from 'preact/hooks';
import { FieldError, Loading } from '../Status';

export interface SignaturePadHandle {
  isEmpty(): boolean;
  /** The drawing as a PNG data URL. */
  toDataURL(): string;
}

interface Props {
  pad: MutableRef<SignaturePadHandle | null>;
  business: string;
  error: string | null;
  /** A stroke ended: the box has ink now. */
  onInk: () => void;
}

export const signatureCanvasId = 'signature-canvas';

export function SignatureField({ pad, business, error, onInk }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const clear = useRef<() => void>(() => undefined);
  const latestOnInk = useRef(onInk);
  latestOnInk.current = onInk;

  useEffect(() => {
    let gone = false;
    let cleanup = () => undefined as void;
    import('signature_pad').then(
      ({ default: SignaturePad }) => {
        const element = canvas.current;
        if (gone || !element) return;
        const signaturePad = new SignaturePad(element, { penColor: '#1d2733', minWidth: 0.8, maxWidth: 2.6 });
        let width = 0;
        const fit = () => {
          if (element.offsetWidth === width) return;
          width = element.offsetWidth;
          const ratio = Math.min(Math.max(window.devicePixelRatio || 1, 1), 2);
          const strokes = signaturePad.toData();
          element.width = element.offsetWidth * ratio;
          element.height = element.offsetHeight * ratio;
          element.getContext('2d')?.scale(ratio, ratio);
          signaturePad.clear();
          if (strokes.length > 0) signaturePad.fromData(strokes);
        };
        fit();
        const ink = () => latestOnInk.current();
        signaturePad.addEventListener('endStroke', ink);
        window.addEventListener('resize', fit);
        pad.current = { isEmpty: () => signaturePad.isEmpty(), toDataURL: () => signaturePad.toDataURL('image/png') };
        clear.current = () => signaturePad.clear();
        cleanup = () => {
          window.removeEventListener('resize', fit);
          signaturePad.removeEventListener('endStroke', ink);
          signaturePad.off();
        };
        setState('ready');
      },
      () => {
        if (!gone) setState('failed');
      },
    );
    return () => {
      gone = true;
      cleanup();
      pad.current = null;
    };
  }, []);

  const describedBy = ['signature-draw-hint', error ? 'signature-draw-error' : ''].filter(Boolean).join(' ');
  return (
    <div class="field signature-draw">
      <p class="field-label" id="signature-draw-label">
        Draw your signature
      </p>
      <p id="signature-draw-hint" class="hint">
        {business} asks for a handwritten signature as well as your typed name: draw it in the box with your finger or the
        mouse. If you can't draw it, contact {business} and they will help you approve another way.
      </p>
      <canvas
        ref={canvas}
        id={signatureCanvasId}
        class={`signature-pad${error ? ' signature-pad-invalid' : ''}`}
        role="img"
        aria-label="Signature box: draw your signature here"
        aria-describedby={describedBy}
        tabIndex={-1}
      />
      {state === 'loading' && <Loading label="Loading the signature box…" />}
      {state === 'failed' && (
        <div class="notice notice-error" role="alert">
          <p>The signature box didn't load. Check your connection, then reload this page.</p>
        </div>
      )}
      <p class="signature-actions">
        <button type="button" class="button button-secondary button-small" disabled={state !== 'ready'} onClick={() => clear.current()}>
          Clear<span class="visually-hidden"> the signature box</span>
        </button>
      </p>
      <FieldError id="signature-draw-error" error={error} />
    </div>
  );
}
