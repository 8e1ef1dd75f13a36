/**
 * A polite live region that tells screen-reader users a new page has loaded: single-page
 * navigation does not trigger the announcement a full page load would.
 */
import { useEffect, useState } from 'preact/hooks';

let setMessage: ((message: string) => void) | null = null;

export function announce(message: string): void {
  // Clear first so announcing the same text twice is still heard.
  setMessage?.('');
  setTimeout(() => setMessage?.(message), 50);
}

export function Announcer() {
  const [message, set] = useState('');
  useEffect(() => {
    setMessage = set;
    return () => {
      setMessage = null;
    };
  }, []);
  return (
    <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {message}
    </div>
  );
}
