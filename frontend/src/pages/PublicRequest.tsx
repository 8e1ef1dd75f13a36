/**
 * `/{slug}/request` (the business's website links here): ask for work without signing in; then
 * `/{slug}/request/sent` ("check your email") and `/{slug}/request/confirm#request=…&token=…`,
 * where the emailed link lands. The bodies load on first visit (lazy.ts).
 */
import { Page } from '../components/Page';
import { Loading, ProblemMessage } from '../components/Status';
import { loadRequestPages } from '../lazy';
import type { PublicRequestPage } from '../router';
import { usePortal } from '../usePortal';
import { useResource } from '../useResource';
import { NotFound, PortalNotFound } from './NotFound';
import { t } from '../i18n/current';

export function PublicRequest({ slug, page }: { slug: string; page: PublicRequestPage }) {
  const [portal, retryPortal] = usePortal(slug);
  const [code, retry] = useResource(() => loadRequestPages(), []);
  if (portal.status === 'error' && portal.problem.status === 404) return <PortalNotFound />;
  const info = portal.status === 'ok' ? portal.data : null;
  // A business that hides its Request service section takes no requests from its website (the API answers 404 too).
  if (info && page === 'form' && !info.sections.includes('requests')) return <NotFound slug={slug} business={info.name} />;
  const Body = code.status === 'ok' ? code.data.PublicRequestBody : null;
  const title = page === 'form' ? t('portal.requests.public.title', { business: info?.name ?? '' }) : page === 'sent' ? t('portal.requests.sent.title') : t('portal.requests.confirm.title');
  const problem = code.status === 'error' ? { problem: code.problem, retry } : portal.status === 'error' ? { problem: portal.problem, retry: retryPortal } : null;
  return (
    <Page title={title} business={info?.name ?? null} busy={!Body || !info}>
      {Body && info ? <Body slug={slug} page={page} portal={info} /> : problem ? <ProblemMessage problem={problem.problem} retry={problem.retry} /> : <Loading />}
    </Page>
  );
}
