/** An in-app link: a real <a href> (so open-in-new-tab works) that navigates with pushState. */
import type { ComponentChildren, JSX } from 'preact';
import { isPlainLeftClick, navigate } from '../router';

type Props = Omit<JSX.HTMLAttributes<HTMLAnchorElement>, 'href'> & { href: string; children: ComponentChildren };

export function Link({ href, onClick, ...rest }: Props) {
  return (
    <a
      {...rest}
      href={href}
      onClick={(e) => {
        if (typeof onClick === 'function') onClick(e);
        if (!isPlainLeftClick(e)) return;
        e.preventDefault();
        navigate(href);
      }}
    />
  );
}
