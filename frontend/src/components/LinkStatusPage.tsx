/**
 * What a pay link's or an estimate link's page shows until its invoice or estimate is on screen:
 * a dead link ("expired or withdrawn" for a 410; "not valid" for no token, a cut-off one, or a
 * 404) with how to reach the business for a new one, "Please wait" with "Try again" for a 429,
 * any other refusal as the API words it, else "Opening your …".
 *
 * A function returning the Page, not a component: the page it returns and the opened invoice's or
 * estimate's are then the same Page in the tree, so the heading that takes focus after a
 * navigation, and the title announced once loading ends, are those of the page the customer ends
 * up on (a component in between would mount a new Page, which does neither).
 */
import type { PortalInfo } from '../../../shared/contract/customer/portal';
import type { Problem } from '../../../shared/contract/problem';
import { AskForNewLink } from './AskForNewLink';
import { Page } from './Page';
import { Loading, ProblemMessage } from './Status';
import { t } from '../i18n/current';

interface LinkStatus {
  /** What the link opens, as the page names it. */
  noun: 'invoice' | 'estimate' | 'form';
  /** Why such a link stops working: under "This link has expired or was withdrawn". */
  expiredWhy: string;
  /** Whom the page speaks for (and the customer can ask for a new link), when known. */
  portal: PortalInfo | null;
  /** The link can open nothing (useLinkedDocument). */
  invalid: boolean;
  problem: Problem | null;
  retry: () => void;
}

export function linkStatusPage({ noun, expiredWhy, portal, invalid, problem, retry }: LinkStatus) {
  const business = portal?.name;
  if (problem?.status === 410) {
    return (
      <Page title={t('portal.link.expired.title')} business={business}>
        <p>{expiredWhy}</p>
        <AskForNewLink portal={portal} />
      </Page>
    );
  }
  if (invalid || problem?.status === 404) {
    return (
      <Page title={t('portal.link.invalid.title')} business={business}>
        <p>{t('common.link.invalid.detail')}</p>
        <AskForNewLink portal={portal} />
      </Page>
    );
  }
  if (problem?.status === 429) {
    return (
      <Page title={t('common.link.limited.title')} business={business}>
        <p>{t('common.link.limited.detail')}</p>
        <p>
          <button type="button" class="button button-secondary" onClick={retry}>
            {t('common.tryAgain')}
          </button>
        </p>
      </Page>
    );
  }
  if (problem) {
    return (
      <Page title={t('portal.link.yours', { noun })} business={business}>
        <ProblemMessage problem={problem} retry={retry} />
      </Page>
    );
  }
  // Also while a link of another kind is handed over to its page.
  return (
    <Page title={t('portal.link.yours', { noun })} business={business} busy>
      <Loading label={t('portal.link.opening', { noun })} />
    </Page>
  );
}
