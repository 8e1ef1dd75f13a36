import { useLayoutEffect, useRef } from 'preact/hooks';
import type { RefObject } from 'preact';
import { useFocusWhen } from '../../useFocusWhen';

/**
 * Focus goes to a field when the server refuses what it holds: its message (tied to it by
 * aria-describedby) is read out, and the customer is where they must type (WCAG 3.3.1).
 */
export function useFocusOnError(field: RefObject<HTMLInputElement>, error: string | null | undefined): void {
  useFocusWhen(field, error);
}

/**
 * When a form that replaced the button opening it closes, focus goes back to that button, so it
 * is not lost on the page (WCAG 2.4.3). Returns the button's ref.
 */
export function useFocusBackWhenClosed(open: boolean): RefObject<HTMLButtonElement> {
  const button = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  // A layout effect for the reason useFocusWhen gives: no frame with focus lost on the body.
  useLayoutEffect(() => {
    if (wasOpen.current && !open) button.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return button;
}
