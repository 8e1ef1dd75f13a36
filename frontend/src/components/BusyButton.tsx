/**
 * A button that is disabled (and aria-busy) while its request runs. Disabling a focused button
 * drops focus to <body>, which strands keyboard and screen-reader users; when the request ends
 * and the button is still on the page, focus goes back to it.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

interface Props {
  pending: boolean;
  class: string;
  type?: 'button' | 'submit';
  onClick?: () => void;
  /** Not usable for another reason than a request running (say why next to it, named by `describedBy`). */
  disabled?: boolean;
  describedBy?: string;
  children: ComponentChildren;
}

export function BusyButton({ pending, class: className, type = 'button', onClick, disabled = false, describedBy, children }: Props) {
  const button = useRef<HTMLButtonElement>(null);
  const hadFocus = useRef(false);
  useEffect(() => {
    if (!pending && hadFocus.current) {
      hadFocus.current = false;
      const active = document.activeElement;
      if (!active || active === document.body) button.current?.focus();
    }
  }, [pending]);
  return (
    <button
      ref={button}
      type={type}
      class={className}
      onClick={() => {
        // Runs before the re-render that disables the button, while it still has focus.
        hadFocus.current = document.activeElement === button.current;
        onClick?.();
      }}
      disabled={pending || disabled}
      aria-busy={pending}
      aria-describedby={describedBy}
    >
      {children}
    </button>
  );
}
