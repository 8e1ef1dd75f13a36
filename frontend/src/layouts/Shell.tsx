/** The landmarks every page shares: skip link, banner header (with the language switcher), main, footer, live region. */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { PortalInfo } from '../../../shared/contract/customer/portal';
import { Announcer } from '../components/Announcer';
import { Footer } from '../components/Footer';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { SkipLink } from '../components/SkipLink';
import { saveLanguageChoice } from '../session';
import { watchStickyBars } from './stickyPadding';

interface Props {
  portal: PortalInfo | null;
  /** The header's contents. */
  header: ComponentChildren;
  children: ComponentChildren;
}

export function Shell({ portal, header, children }: Props) {
  const main = useRef<HTMLElement>(null);
  useEffect(() => watchStickyBars(main.current!), []);
  return (
    <>
      <SkipLink />
      <header class="site-header">
        <div class="container header-inner">
          <LanguageSwitcher onChosen={(language) => void saveLanguageChoice(language)} />
          {header}
        </div>
      </header>
      <main ref={main} id="main" class="container" tabIndex={-1}>
        {children}
      </main>
      <Footer portal={portal} />
      <Announcer />
    </>
  );
}
