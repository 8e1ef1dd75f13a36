/**
 * Pages that need a session: loads the customer (GET /api/session) once, sends a signed-out visitor
 * to the sign-in page, and shows the header with the customer's name, the menu and Sign out.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { MenuPlace, MeResponse } from '../../../shared/contract/customer/portal';
import type { Problem } from '../../../shared/contract/problem';
import { api } from '../api';
import { applyBrand } from '../brand';
import { BrandMark } from '../components/BrandMark';
import { BusyButton } from '../components/BusyButton';
import { Link } from '../components/Link';
import { MainNav } from '../components/MainNav';
import { Page } from '../components/Page';
import { Loading, ProblemMessage } from '../components/Status';
import { navigate, paths } from '../router';
import { forgetMe, loadMe } from '../session';
import { useResource } from '../useResource';
import { Shell } from './Shell';
import { t } from '../i18n/current';

interface Props {
  slug: string;
  current: MenuPlace | null;
  children: (me: MeResponse) => ComponentChildren;
}

export function SignedInLayout({ slug, current, children }: Props) {
  const [me, retry] = useResource(() => loadMe(), [slug]);
  const signedInHere = me.status === 'ok' && me.data.business.slug === slug;

  useEffect(() => {
    // Signed out, or signed in to another business's portal: this portal's sign-in page.
    if ((me.status === 'error' && me.problem.status === 401) || (me.status === 'ok' && !signedInHere)) {
      forgetMe();
      // The page asked for comes back after the sign-in link (rule 67).
      navigate(paths.signIn(slug, location.pathname), { replace: true });
    }
  }, [me]);

  const business = signedInHere ? me.data.business : null;
  useEffect(() => applyBrand(business?.branding.primaryColor), [business]);

  return (
    <Shell
      portal={business}
      header={
        <>
          {/* Two rows on a phone: who (the business, the customer) beside Sign out, then the menu. */}
          <div class="header-row">
            <div class="header-who">
              <BrandMark portal={business} />
              {signedInHere ? (
                <p class="customer-name">
                  {/* The way to the customer's own account, whatever the business's menu shows. */}
                  <Link href={paths.account(slug)} aria-current={current === 'account' ? 'page' : undefined}>
                    <span class="visually-hidden">{t('portal.header.signedInAs')} </span>
                    {me.data.customer.name}
                    <span class="visually-hidden"> {t('portal.header.yourAccount')}</span>
                  </Link>
                </p>
              ) : (
                me.status === 'loading' && <HeaderPlaceholder part="customer-name" />
              )}
            </div>
            {signedInHere ? <SignOut slug={slug} /> : me.status === 'loading' && <HeaderPlaceholder part="sign-out" />}
          </div>
          {signedInHere ? <MainNav slug={slug} sections={me.data.business.sections} links={me.data.business.links} current={current} /> : me.status === 'loading' && <HeaderPlaceholder part="main-nav" />}
        </>
      }
    >
      {signedInHere ? (
        children(me.data)
      ) : me.status === 'error' && me.problem.status !== 401 ? (
        <Page title={t('portal.somethingWentWrong')}>
          <ProblemMessage problem={me.problem} retry={retry} />
        </Page>
      ) : (
        <Loading />
      )}
    </Shell>
  );
}

/**
 * The room the customer's name, Sign out and the menu will take, held while the session is on its way: the header
 * keeps its height when they arrive, so the page under it does not jump (layout shift, CLS).
 * Built from the same classes as what it stands for, so it measures the same; hidden from
 * everyone, screen readers included.
 */
function HeaderPlaceholder({ part }: { part: 'customer-name' | 'sign-out' | 'main-nav' }) {
  if (part === 'customer-name') {
    return (
      <p class="customer-name header-placeholder" aria-hidden="true">
        <a>{'\u00a0'}</a>
      </p>
    );
  }
  return part === 'sign-out' ? (
    <div class="sign-out header-placeholder" aria-hidden="true">
      <span class="button button-on-brand">{'\u00a0'}</span>
    </div>
  ) : (
    <div class="main-nav header-placeholder" aria-hidden="true">
      <ul>
        <li>
          <a>{'\u00a0'}</a>
        </li>
      </ul>
    </div>
  );
}

function SignOut({ slug }: { slug: string }) {
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function signOut() {
    setPending(true);
    setProblem(null);
    const result = await api.logout();
    // 401: the session had already ended, which is what the customer wanted.
    if (result.ok || result.status === 401) {
      forgetMe();
      navigate(paths.signIn(slug), { replace: true });
      return;
    }
    setPending(false);
    setProblem(result.problem);
  }

  return (
    <div class="sign-out">
      <BusyButton class="button button-on-brand" onClick={signOut} pending={pending}>
        {pending ? t('portal.header.signingOut') : t('portal.header.signOut')}
      </BusyButton>
      {problem && (
        <p class="sign-out-error" role="alert">
          {problem.detail}
        </p>
      )}
    </div>
  );
}
