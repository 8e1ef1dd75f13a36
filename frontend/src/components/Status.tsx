/** Loading and error states, the same everywhere. */
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import type { Problem } from '../../../shared/contract/problem';
import { t } from '../i18n/current';
import { useFocusWhen } from '../useFocusWhen';

export function Loading({ label }: { label?: string }) {
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

interface ProblemProps {
  problem: Problem;
  /** Adds a "Try again" button. */
  retry?: () => void;
  /** Move focus here when shown: for when the control the customer used has gone away. */
  takeFocus?: boolean;
  children?: ComponentChildren;
}

/** Shows an API problem's detail (the API writes it for people). */
export function ProblemMessage({ problem, retry, takeFocus = false, children }: ProblemProps) {
  const box = useRef<HTMLDivElement>(null);
  useFocusWhen(box, takeFocus);
  return (
    <div class="notice notice-error" role="alert" ref={box} tabIndex={takeFocus ? -1 : undefined}>
      <p>{problem.detail}</p>
      {children}
      {retry && (
        <button type="button" class="button button-secondary" onClick={retry}>
          {t('common.tryAgain')}
        </button>
      )}
    </div>
  );
}

/**
 * A form field's error, under the field; the field names its id in `aria-describedby` (with
 * `aria-invalid`), so a screen reader reads it out with the field. Nothing while there is none.
 */
export function FieldError({ id, error }: { id: string; error: string | null | undefined }) {
  if (!error) return null;
  return (
    <p id={id} class="field-error">
      {error}
    </p>
  );
}
