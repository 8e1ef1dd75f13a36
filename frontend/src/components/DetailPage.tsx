/**
 * The frame of a signed-in page about one job, invoice or estimate: "All jobs" (or invoices,
 * estimates) back to the list, "Job not found" for a 404, "Loading job…" until the page has what
 * it needs, a refusal with "Try again". A 401 shows nothing here: the page sends the customer to
 * sign in (useSignInWhenSignedOut).
 *
 * One Page in every state, so the heading focused after a navigation and the title announced
 * once loading ends are those of the loaded page.
 */
import type { ComponentChildren } from 'preact';
import type { Problem } from '../../../shared/contract/problem';
import { Link } from './Link';
import { Page } from './Page';
import { Loading, ProblemMessage } from './Status';
import { t } from '../i18n/current';

interface Props {
  /** What the page is about, as its words name it ("job": "All jobs", "Job not found", "Loading job…"). */
  noun: 'job' | 'invoice' | 'estimate';
  /** The list to go back to, at the tab last shown. */
  listHref: string;
  business: string;
  /** The loaded page's title ("Invoice 1042"); until then the noun's ("Invoice"). */
  title: string | null;
  /** Why it may not be found, after "We couldn't find this job." */
  notFoundWhy: string;
  problem: Problem | null;
  retry: () => void;
  /** The page, once it has what it needs; null until then. */
  children: ComponentChildren;
}

export function DetailPage({ noun, listHref, business, title, notFoundWhy, problem, retry, children }: Props) {
  const back = (
    <Link class="back-link" href={listHref}>
      {t('portal.detail.backToList', { noun })}
    </Link>
  );

  if (problem?.status === 404) {
    return (
      <Page title={t('portal.detail.notFound', { noun })} business={business} before={back}>
        <p>{t('portal.detail.notFoundWhy', { noun, why: notFoundWhy })}</p>
      </Page>
    );
  }

  const loading = !problem && !children;
  return (
    <Page title={title ?? t('portal.detail.noun', { noun })} business={business} busy={loading} before={back}>
      {loading && <Loading label={t('portal.detail.loading', { noun })} />}
      {problem && problem.status !== 401 && <ProblemMessage problem={problem} retry={retry} />}
      {children}
    </Page>
  );
}
