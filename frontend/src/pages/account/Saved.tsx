import { useEffect, useRef } from 'preact/hooks';

/** A message that takes focus when it appears, so a screen reader hears how the action went. */
export function Saved({ text }: { text: string | null }) {
  const box = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (text) box.current?.focus();
  }, [text]);
  return text ? (
    <p class="notice notice-success" role="status" tabIndex={-1} ref={box}>
      {text}
    </p>
  ) : null;
}

