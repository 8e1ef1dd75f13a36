/**
 * Where an estimate asks for a drawn signature: the choice of how to sign, then the way chosen.
 *
 * Drawing: a canvas drawn on with a finger, a pen or the mouse (`signature_pad`, loaded only when
 * this field shows, so it is not part of the portal's first load), with Clear. The canvas is in
 * the tab order and labelled, and its hint says how to sign without drawing.
 *
 * Typing: whoever cannot draw (no mouse, a tremor, a screen reader) signs by typing their name,
 * the name field above, with a plain statement that typing it is signing (ESIGN/UETA take a typed
 * name as a signature). It is always offered: WCAG 2.1.1 wants every action doable by keyboard,
 * so it is not the business's to switch off, and the API accepts it on every such estimate.
 *
 * The canvas is sized to its box at the screen's pixel density (at most 2×, which keeps the PNG
 * small) and redrawn from its strokes when the box's width changes.
 */
import type { MutableRef } from 'preact/hooks';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SignatureMethod } from '../../../../shared/contract/customer/estimates';
import { FieldError, Loading } from '../Status';
import { t } from '../../i18n/current';

export interface SignaturePadHandle {
  isEmpty(): boolean;
  /** The drawing as a PNG data URL. */
  toDataURL(): string;
}

interface Props {
  pad: MutableRef<SignaturePadHandle | null>;
  /** Draw, or type the name as the signature. */
  method: SignatureMethod;
  onMethod: (method: SignatureMethod) => void;
  /** The name as typed above: the signature when typing. */
  name: string;
  error: string | null;
  /** A stroke ended: the box has ink now. */
  onInk: () => void;
  /** Clear was pressed: the box is empty again (forms drop the drawing they kept). */
  onClear?: () => void;
  /** A drawing kept from before (a form's question shown again): drawn back into the box. */
  initial?: string;
  /**
   * Put before every id and the radios' name, so two pads on one page (a form with two drawn
   * signatures) share none: the estimate has one pad and none, so its ids stay `signatureCanvasId`.
   */
  idPrefix?: string;
}

export const signatureCanvasId = 'signature-canvas';
/** The first way to sign, where focus goes when the signature is what is missing. */
export const signatureMethodId = 'signature-method-drawn';

export function SignatureField({ pad, method, onMethod, name, error, onInk, onClear, initial, idPrefix = '' }: Props) {
  const choice = (value: SignatureMethod, label: string) => (
    <div>
      <label class="check">
        <input
          type="radio"
          id={`${idPrefix}signature-method-${value}`}
          name={`${idPrefix}signatureMethod`}
          value={value}
          checked={method === value}
          onChange={() => onMethod(value)}
          aria-describedby={value === 'typed' && method === 'typed' ? `${idPrefix}signature-typed-statement` : undefined}
        />
        <span>{label}</span>
      </label>
    </div>
  );
  const typed = name.trim();
  return (
    <fieldset class="field signature-draw segmented">
      <legend>{t('portal.signature.method.legend')}</legend>
      {choice('drawn', t('portal.signature.method.drawn'))}
      {choice('typed', t('portal.signature.method.typed'))}
      {method === 'drawn' ? (
        <SignaturePadBox pad={pad} error={error} onInk={onInk} onClear={onClear} initial={initial} idPrefix={idPrefix} />
      ) : (
        <>
          <p id={`${idPrefix}signature-typed-statement`} class="hint">
            {typed ? t('portal.signature.typedStatement', { name: typed }) : t('portal.signature.typedStatementNoName')}
          </p>
          <FieldError id={`${idPrefix}signature-draw-error`} error={error} />
        </>
      )}
    </fieldset>
  );
}

/** The canvas, Clear, and the drawing's error. */
function SignaturePadBox({ pad, error, onInk, onClear, initial, idPrefix }: Pick<Props, 'pad' | 'error' | 'onInk' | 'onClear' | 'initial'> & { idPrefix: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const clear = useRef<() => void>(() => undefined);
  const latestOnInk = useRef(onInk);
  latestOnInk.current = onInk;
  const latestOnClear = useRef(onClear);
  latestOnClear.current = onClear;

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
        if (initial) void signaturePad.fromDataURL(initial);
        const ink = () => latestOnInk.current();
        signaturePad.addEventListener('endStroke', ink);
        window.addEventListener('resize', fit);
        pad.current = { isEmpty: () => signaturePad.isEmpty(), toDataURL: () => signaturePad.toDataURL('image/png') };
        clear.current = () => {
          signaturePad.clear();
          latestOnClear.current?.();
        };
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

  const describedBy = [`${idPrefix}signature-draw-hint`, error ? `${idPrefix}signature-draw-error` : ''].filter(Boolean).join(' ');
  return (
    <div>
      <p id={`${idPrefix}signature-draw-hint`} class="hint">
        {t('portal.signature.hint')}
      </p>
      <canvas
        ref={canvas}
        id={`${idPrefix}${signatureCanvasId}`}
        class={`signature-pad${error ? ' signature-pad-invalid' : ''}`}
        role="img"
        aria-label={t('portal.signature.box')}
        aria-describedby={describedBy}
        tabIndex={0}
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
      <FieldError id={`${idPrefix}signature-draw-error`} error={error} />
    </div>
  );
}
