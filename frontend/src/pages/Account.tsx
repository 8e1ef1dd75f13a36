/**
 * `/{slug}/profile`, `/{slug}/profile/devices`, `/{slug}/profile/links`: the customer's own
 * account. This frame (title, heading, the way back) is all the first load carries; the pages'
 * bodies load on first visit (lazy.ts), as most visits never open them.
 */
import type { MeResponse } from '../../../shared/contract/customer/portal';
import type { MessageKey } from '../../../shared/contract/i18n/keys';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { Loading, ProblemMessage } from '../components/Status';
import { loadAccountPages } from '../lazy';
import { paths, type AccountPage } from '../router';
import { useResource } from '../useResource';
import { t } from '../i18n/current';

const titles: Record<AccountPage, MessageKey> = { profile: 'portal.account.title', devices: 'portal.account.devices.title', links: 'portal.account.links.title' };

export function Account({ slug, page, me }: { slug: string; page: AccountPage; me: MeResponse }) {
  const [code, retry] = useResource(() => loadAccountPages(), []);
  const Body = code.status === 'ok' ? code.data.AccountBody : null;
  return (
    <Page
      title={t(titles[page])}
      business={me.business.name}
      busy={!Body}
      before={
        page !== 'profile' && (
          <Link class="back-link" href={paths.account(slug)}>
            {t('portal.account.back')}
          </Link>
        )
      }
    >
      {Body ? <Body slug={slug} page={page} me={me} /> : code.status === 'error' ? <ProblemMessage problem={code.problem} retry={retry} /> : <Loading />}
    </Page>
  );
}
