/**
 * `/{slug}/estimates/{estimateId}`: one estimate, signed in (EstimateBody). Stripe sends the
 * customer back here after paying the deposit, with `?checkout={checkoutId}`.
 */
import { useEffect, useState } from 'preact/hooks';
import type { MeResponse } from '../../../shared/api/contract';
import { api } from '../api';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { Loading, ProblemMessage } from '../components/Status';
import { loadEstimateBody } from '../lazy';
import { checkoutFromSearch, navigate, paths } from '../router';
import { forgetMe } from '../session';
import { useResource } from '../useResource';
import { lastEstimatesTab } from './EstimateList';

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
  const business = me.business.name;
  const back = (
    <Link class="back-link" href={paths.estimates(slug, lastEstimatesTab())}>
      All estimates
    </Link>
  );

  const signedOut = (loaded.status === 'error' && loaded.problem.status === 401) || sessionEnded;
  useEffect(() => {
    if (signedOut) {
      forgetMe();
      navigate(paths.signIn(slug), { replace: true });
    }
  }, [signedOut]);

  if (loaded.status === 'error' && loaded.problem.status === 404) {
    return (
      <Page title="Estimate not found" business={business} before={back}>
        <p>We couldn't find this estimate. It may have been withdrawn, or the link may be mistyped.</p>
      </Page>
    );
  }

  return (
    <Page title={estimate ? `Estimate ${estimate.number}` : 'Estimate'} business={business} busy={!problem && !(estimate && Body)} before={back}>
      {!problem && !(estimate && Body) && <Loading label="Loading estimate…" />}
      {problem && problem.status !== 401 && <ProblemMessage problem={problem} retry={retry} />}
      {estimate && Body && (
        <Body slug={slug} portal={me.business} initial={estimate} link={null} checkoutId={checkoutId} onSignedOut={() => setSessionEnded(true)} />
      )}
    </Page>
  );
}
