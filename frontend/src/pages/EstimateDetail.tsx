/**
 * `/{slug}/estimates/{estimateId}`: one estimate, signed in (EstimateBody). Stripe sends the
 * customer back here after paying the deposit, with `?checkout={checkoutId}`.
 */
import { useState } from 'preact/hooks';
import type { MeResponse } from '../../../shared/contract/customer/portal';
import { api } from '../api';
import { DetailPage } from '../components/DetailPage';
import { loadEstimateBody } from '../lazy';
import { checkoutFromSearch, paths } from '../router';
import { useResource } from '../useResource';
import { useSignInWhenSignedOut } from '../useSignInWhenSignedOut';
import { lastEstimatesTab } from './EstimateList';
import { t } from '../i18n/current';

export function EstimateDetail({ slug, estimateId, me }: { slug: string; estimateId: string; me: MeResponse }) {
  const [loaded, retryEstimate] = useResource((signal) => api.estimate(estimateId, signal), [estimateId]);
  // The page's code loads while the estimate does.
  const [code, retryCode] = useResource(() => loadEstimateBody(), []);
  const [checkoutId] = useState(() => checkoutFromSearch(location.search));
  /** A later request found the session over. */
  const [sessionEnded, setSessionEnded] = useState(false);
  const estimate = loaded.status === 'ok' ? loaded.data : null;
  const Body = code.status === 'ok' ? code.data.EstimateBody : null;
  const problem = loaded.status === 'error' ? loaded.problem : code.status === 'error' ? code.problem : null;
  const retry = loaded.status === 'error' ? retryEstimate : retryCode;
  useSignInWhenSignedOut(slug, (loaded.status === 'error' && loaded.problem.status === 401) || sessionEnded);

  return (
    <DetailPage
      noun="estimate"
      listHref={paths.estimates(slug, lastEstimatesTab())}
      business={me.business.name}
      title={estimate && t('portal.estimate.numbered', { number: estimate.number })}
      notFoundWhy={t('portal.detail.withdrawnOrMistyped')}
      problem={problem}
      retry={retry}
    >
      {estimate && Body && (
        <Body slug={slug} portal={me.business} initial={estimate} link={null} checkoutId={checkoutId} onSignedOut={() => setSessionEnded(true)} />
      )}
    </DetailPage>
  );
}
