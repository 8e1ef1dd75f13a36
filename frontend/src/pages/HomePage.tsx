/**
 * `/{slug}/home`: Home, where a sign-in lands. This frame and the one read (`GET /api/home`, sent
 * at start by startReads.ts) are all the first load carries; the body is a chunk of its own
 * (lazy.ts), fetched beside the read.
 */
import type { MeResponse } from '../../../shared/contract/customer/portal';
import { api } from '../api';
import { Page } from '../components/Page';
import { Loading, ProblemMessage } from '../components/Status';
import { loadHomeBody } from '../lazy';
import { useResource } from '../useResource';
import { useSignInWhenSignedOut } from '../useSignInWhenSignedOut';
import { t } from '../i18n/current';

export function HomePage({ slug, me }: { slug: string; me: MeResponse }) {
  const [code, retryCode] = useResource(() => loadHomeBody(), []);
  const [home, retryHome] = useResource((signal) => api.home(signal), []);
  useSignInWhenSignedOut(slug, home.status === 'error' && home.problem.status === 401);
  const Body = code.status === 'ok' ? code.data.HomeBody : null;
  const problem = home.status === 'error' ? home.problem : code.status === 'error' ? code.problem : null;
  return (
    <Page title={t('portal.home.title')} business={me.business.name} busy={!Body || home.status === 'loading'}>
      {problem && problem.status !== 401 ? (
        <ProblemMessage problem={problem} retry={home.status === 'error' ? retryHome : retryCode} />
      ) : Body && home.status === 'ok' ? (
        <Body slug={slug} me={me} home={home.data} />
      ) : (
        <Loading />
      )}
    </Page>
  );
}
