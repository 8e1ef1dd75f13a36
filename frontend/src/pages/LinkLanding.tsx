/**
 * `/{slug}/link#token=…`: where a sign-in link lands. Mail scanners open every link in an email
 * and some run its script, so nothing here uses the token until a person presses "Sign in".
 *
 * On load the page asks `GET /api/link` (the token in `Authorization: Link …`) what the link
 * opens. That read changes nothing, and it names the business the link really belongs to: the
 * page is branded for it, and the URL's slug is corrected, whatever portal the link was opened
 * under. A link that is unknown, used or expired says so before anyone presses a button.
 *
 * The token lives in the URL fragment: it never reaches a server log or a Referer header. Once
 * it is worth nothing (signed in, used, expired) the fragment is dropped from the history. A pay
 * link or an estimate link opened here goes on to its own page (`/{slug}/pay`, `/{slug}/estimate`),
 * never to "Sign in".
 */
import { useEffect, useState } from 'preact/hooks';
import type { PortalInfo } from '../../../shared/contract/customer/portal';
import type { Problem } from '../../../shared/contract/problem';
import { api } from '../api';
import { BusinessContact } from '../components/BusinessContact';
import { BusyButton } from '../components/BusyButton';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { Loading, ProblemMessage } from '../components/Status';
import { PublicLayout } from '../layouts/PublicLayout';
import { dropFragment, navigate, paths, returnToOf } from '../router';
import { forgetMe, loadLink, rememberPortal } from '../session';
import { readToken, withToken } from '../token';
import { usePortal } from '../usePortal';
import { notYet, useResource } from '../useResource';
import { t } from '../i18n/current';

/** The link's portal, when the lookup named one; the URL is corrected to it (history, not a navigation). */
function lookUp(token: string) {
  return loadLink(token).then((result) => {
    if (result.ok) {
      const { portal } = result.data;
      rememberPortal(portal);
      // A pay link opened here: its own page, which takes it from there (it signs no one in).
      if (result.data.kind === 'invoice') {
        navigate(withToken(paths.pay(portal.slug), token), { replace: true });
        return result;
      }
      // A tracking link: the tracking page, its own entry (track.html), so a page load.
      if (result.data.kind === 'tracking') {
        location.replace(withToken(paths.track(portal.slug), token));
        return result;
      }
      // Likewise an estimate link: the estimate's page, where deciding needs no sign-in.
      if (result.data.kind === 'estimate') {
        navigate(withToken(paths.estimateLink(portal.slug), token), { replace: true });
        return result;
      }
      if (location.pathname.replace(/\/$/, '') !== paths.link(portal.slug)) {
        history.replaceState(history.state, '', paths.link(portal.slug) + location.search + location.hash);
      }
    } else if (result.status === 404 || result.status === 410) {
      dropFragment();
    }
    return result;
  });
}

export function LinkLanding({ slug }: { slug: string }) {
  const [token, setToken] = useState(() => readToken(location.hash));
  const [link, retryLink] = useResource(() => (token ? lookUp(token) : notYet), [token]);
  /** The portal in the URL: for pages about a link whose own portal is unknown. */
  const [urlPortal] = usePortal(slug);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  /** "Sign in" was refused because the link is used or expired. */
  const [dead, setDead] = useState(false);

  // A newer link pasted into this same tab changes only the fragment: no reload, so listen.
  useEffect(() => {
    const onHashChange = () => {
      if (!location.hash) return;
      setToken(readToken(location.hash));
      setProblem(null);
      setDead(false);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const linkPortal = token && link.status === 'ok' ? link.data.portal : null;
  const fallback = urlPortal.status === 'ok' ? urlPortal.data : null;
  /** The portal this page speaks for: the link's own, else (no token, or a lookup that named none) the URL's. */
  const portal: PortalInfo | null = linkPortal ?? fallback;
  const layoutSlug = linkPortal ? linkPortal.slug : slug;
  const lookupStatus = link.status === 'error' ? link.problem.status : null;

  async function signIn() {
    setPending(true);
    setProblem(null);
    const result = await api.verify({ token: token! });
    if (result.ok) {
      forgetMe();
      dropFragment();
      const portalSlug = result.data.portal || layoutSlug;
      // The page the link was asked for from (rule 67), checked here too: only a page of this portal.
      // Else the portal's landing page (Home, unless the business hides it).
      navigate(returnToOf(portalSlug, result.data.returnTo) ?? paths.landing(portalSlug, linkPortal?.sections ?? ['home']), { replace: true });
      return;
    }
    setPending(false);
    // A used, expired or replaced link: the token is worth nothing now, keep it out of the history.
    if (result.status === 401 || result.status === 410) {
      dropFragment();
      setDead(true);
      return;
    }
    setProblem(result.problem);
  }

  let content;
  if (!token) {
    content = (
      <Page title={t('portal.signInLink.incomplete.title')} business={portal?.name}>
        <p>{t('portal.signInLink.incomplete.text')}</p>
        <p>
          <Link class="button button-primary" href={paths.signIn(slug)}>
            {t('portal.signInLink.askNew')}
          </Link>
        </p>
      </Page>
    );
  } else if (dead || lookupStatus === 410) {
    content = (
      <Page key="dead" title={t('portal.signInLink.dead.title')} business={portal?.name} takeFocus={dead}>
        <p>{t('portal.signInLink.dead.text')}</p>
        <NewLink portal={portal} />
      </Page>
    );
  } else if (lookupStatus === 404) {
    content = (
      <Page title={t('portal.link.invalid.title')} business={fallback?.name}>
        <p>{t('portal.signInLink.invalid.text')}</p>
        <NewLink portal={fallback} />
      </Page>
    );
  } else if (link.status === 'loading') {
    content = (
      <Page title={t('portal.signIn.title')} busy>
        <Loading label={t('portal.signInLink.checking')} />
      </Page>
    );
  } else {
    // The link is good, or the lookup failed (rate limit, network): signing in may still work.
    const name = linkPortal?.name ?? null;
    content = (
      <Page title={t('portal.signIn.title')} business={name} heading={name ? t('portal.signIn.to', { business: name }) : t('portal.signIn.title')}>
        {link.status === 'error' && <ProblemMessage problem={link.problem} retry={retryLink} />}
        {problem ? (
          <ProblemMessage problem={problem} />
        ) : (
          <p>{t('portal.signInLink.tap')}</p>
        )}
        <BusyButton class="button button-primary button-large button-block" onClick={signIn} pending={pending}>
          {pending ? t('portal.signInLink.signingIn') : t('portal.signIn.button')}
        </BusyButton>
      </Page>
    );
  }

  return <PublicLayout slug={layoutSlug}>{content}</PublicLayout>;
}

/** The way on from a dead link: the portal's sign-in page, and how to reach the business. */
function NewLink({ portal }: { portal: PortalInfo | null }) {
  if (!portal) {
    return <p>{t('portal.signInLink.noPortal')}</p>;
  }
  const { phone, email } = portal.contact;
  return (
    <>
      <p>
        <Link class="button button-primary" href={paths.signIn(portal.slug)}>
          {t('portal.signInLink.askNew')}
        </Link>
      </p>
      {(phone || email) && <BusinessContact portal={portal} lead={t('common.contact.needHelp')} />}
    </>
  );
}
