import { useRef } from 'preact/hooks';
import { useFocusWhen } from '../../useFocusWhen';

/** A message that takes focus when it appears, so a screen reader hears how the action went. */
export function Saved({ text }: { text: string | null }) {
  const box = useRef<HTMLParagraphElement>(null);
  useFocusWhen(box, text);
  return text ? (
    <p class="notice notice-success" role="status" tabIndex={-1} ref={box}>
      {text}
    </p>
  ) : null;
}

