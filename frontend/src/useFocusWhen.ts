import { useLayoutEffect } from 'preact/hooks';
import type { RefObject } from 'preact';

/**
 * Moves focus to `target` whenever `when` turns truthy (or changes to another truthy value).
 *
 * A layout effect, not an effect: it runs in the same task that puts the element in the page, so
 * there is no frame in which the element is shown but focus is still on a button that has just
 * gone (and so on the body). Preact runs plain effects after the next paint, and a background tab
 * may not paint for a while: a screen reader, a keyboard user or a browser test could act in that
 * gap and find focus lost (WCAG 2.4.3).
 */
export function useFocusWhen(target: RefObject<HTMLElement>, when: unknown): void {
  useLayoutEffect(() => {
    if (when) target.current?.focus();
  }, [when]);
}
