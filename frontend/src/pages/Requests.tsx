/**
 * `/{slug}/requests`, `/{slug}/requests/new`, `/{slug}/requests/{id}`: the customer's service
 * requests. This frame (title, heading, the way back) is all the first load carries; the pages'
 * bodies and the uploads load on first visit (lazy.ts).
 */
import type { MeResponse } from '../../../shared/contract/customer/portal';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { Loading, ProblemMessage } from '../components/Status';
import { loadRequestPages } from '../lazy';
import { paths, type RequestPage } from '../router';
import { useResource } from '../useResource';
import { t } from '../i18n/current';

export function Requests({ slug, page, me }: { slug: string; page: RequestPage; me: MeResponse }) {
  const [code, retry] = useResource(() => loadRequestPages(), []);
  const Body = code.status === 'ok' ? code.data.RequestsBody : null;
  const title = page.kind === 'list' ? t('portal.requests.title') : page.kind === 'new' ? t('portal.requests.new.title') : t('portal.requests.detail.title');
  return (
    <Page
      title={title}
      business={me.business.name}
      busy={!Body}
      before={
        page.kind !== 'list' && (
          <Link class="back-link" href={paths.requests(slug)}>
            {t('portal.requests.back')}
          </Link>
        )
      }
    >
      {Body ? <Body slug={slug} page={page} me={me} /> : code.status === 'error' ? <ProblemMessage problem={code.problem} retry={retry} /> : <Loading />}
    </Page>
  );
}
