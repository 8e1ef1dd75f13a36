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
import { t } from '../../i18n/current';

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
        {t('portal.signature.label')}
      </p>
      <p id="signature-draw-hint" class="hint">
        {t('portal.signature.hint', { business })}
      </p>
      <canvas
        ref={canvas}
        id={signatureCanvasId}
        class={`signature-pad${error ? ' signature-pad-invalid' : ''}`}
        role="img"
        aria-label={t('portal.signature.box')}
        aria-describedby={describedBy}
        tabIndex={-1}
      />
      {state === 'loading' && <Loading label={t('portal.signature.loading')} />}
      {state === 'failed' && (
        <div class="notice notice-error" role="alert">
          <p>{t('portal.signature.failed')}</p>
        </div>
      )}
      <p class="signature-actions">
        <button type="button" class="button button-secondary button-small" disabled={state !== 'ready'} onClick={() => clear.current()}>
          {t('portal.signature.clear')}
          <span class="visually-hidden"> {t('portal.signature.clearWhat')}</span>
        </button>
      </p>
      <FieldError id="signature-draw-error" error={error} />
    </div>
  );
}
