/**
 * Every page's frame: its h1 and the document title ("Acme Plumbing – Work history"). After an
 * in-app navigation, focus moves to the h1 and the page name is announced, as a screen reader
 * would expect from a full page load.
 */
import type { ComponentChildren } from 'preact';
import { useRef, useState, useLayoutEffect } from 'preact/hooks';
import { takeFocusRequest } from '../router';
import { announce } from './Announcer';

interface Props {
  /** The page's name, for the document title and the announcement. */
  title: string;
  /** The business's name, when known. */
  business?: string | null | undefined;
  /** The visible h1; defaults to the title. */
  heading?: ComponentChildren;
  /** While true the page is still loading: the announcement waits. */
  busy?: boolean;
  /** Shown above the h1, e.g. a back link. */
  before?: ComponentChildren;
  /** Move focus to the h1 when shown, even without a navigation: the page replaced what the customer was using. */
  takeFocus?: boolean;
  children?: ComponentChildren;
}

export function Page({ title, business, heading, busy = false, before, takeFocus = false, children }: Props) {
  const h1 = useRef<HTMLHeadingElement>(null);
  const [navigated] = useState(takeFocusRequest);
  const announced = useRef(false);

  // On mount, in the same task the page is shown (a layout effect; see useFocusWhen).
  useLayoutEffect(() => {
    if (navigated || takeFocus) h1.current?.focus();
  }, []);

  // The title is part of what the page shows, so it changes in the same task as the h1 (the
  // announcement waits a moment of its own; see Announcer).
  useLayoutEffect(() => {
    document.title = business ? `${business} – ${title}` : title;
    if (navigated && !busy && !announced.current) {
      announced.current = true;
      announce(title);
    }
  }, [title, business, busy]);

  return (
    <>
      {before}
      <h1 ref={h1} tabIndex={-1}>
        {heading ?? title}
      </h1>
      {children}
    </>
  );
}
