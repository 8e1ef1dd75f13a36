/**
 * Service requests (lazy: the pages' own chunk, with the uploads). The customer's list, one
 * request (and withdrawing it while it is new), the form (signed in, or on the business's website
 * with name, email and phone), "check your email", and the emailed link's landing.
 */
import '../../lazy-kit';
import { useState } from 'preact/hooks';
import type { MeResponse, PortalInfo } from '../../../../shared/contract/customer/portal';
import type { PublicRequestConfirmed, RequestList, RequestStatus, RequestView } from '../../../../shared/contract/customer/requests';
import type { MessageKey } from '../../../../shared/contract/i18n/keys';
import type { Problem } from '../../../../shared/contract/problem';
import { newIdempotencyKey, request } from '../../api';
import { announce } from '../../components/Announcer';
import { BusyButton } from '../../components/BusyButton';
import { Link } from '../../components/Link';
import { Page } from '../../components/Page';
import { usePortal } from '../../usePortal';
import { NotFound, PortalNotFound } from '../NotFound';
import { Loading, ProblemMessage } from '../../components/Status';
import { formatDateTime, formatTimeRange } from '../../format';
import { dropFragment, navigate, paths, type PublicRequestPage, type RequestPage } from '../../router';
import { useResource } from '../../useResource';
import { useSignInWhenSignedOut } from '../../useSignInWhenSignedOut';
import { t } from '../../i18n/current';
import { RequestForm, sentToKey } from './RequestForm';

/** `/{slug}/requests`, `/{slug}/requests/new`, `/{slug}/requests/{id}`: the customer's service requests, with the way back. */
export function RequestsPage({ slug, page, me }: { slug: string; page: RequestPage; me: MeResponse }) {
  const title = page.kind === 'list' ? t('portal.requests.title') : page.kind === 'new' ? t('portal.requests.new.title') : t('portal.requests.detail.title');
  return (
    <Page
      title={title}
      business={me.business.name}
      before={
        page.kind !== 'list' && (
          <Link class="back-link" href={paths.requests(slug)}>
            {t('portal.requests.back')}
          </Link>
        )
      }
    >
      <RequestsBody slug={slug} page={page} me={me} />
    </Page>
  );
}

/**
 * `/{slug}/request` (the business's website links here): ask for work without signing in; then
 * `/{slug}/request/sent` ("check your email") and `/{slug}/request/confirm#request=…&token=…`,
 * where the emailed link lands.
 */
export function PublicRequestPage({ slug, page }: { slug: string; page: PublicRequestPage }) {
  const [portal, retryPortal] = usePortal(slug);
  if (portal.status === 'error' && portal.problem.status === 404) return <PortalNotFound />;
  const info = portal.status === 'ok' ? portal.data : null;
  // A business that hides its Request service section takes no requests from its website (the API answers 404 too).
  if (info && page === 'form' && !info.sections.includes('requests')) return <NotFound slug={slug} business={info.name} />;
  const title = page === 'form' ? t('portal.requests.public.title', { business: info?.name ?? '' }) : page === 'sent' ? t('portal.requests.sent.title') : t('portal.requests.confirm.title');
  return (
    <Page title={title} business={info?.name ?? null} busy={!info}>
      {info ? <PublicRequestBody slug={slug} page={page} portal={info} /> : portal.status === 'error' ? <ProblemMessage problem={portal.problem} retry={retryPortal} /> : <Loading />}
    </Page>
  );
}

function RequestsBody({ slug, page, me }: { slug: string; page: RequestPage; me: MeResponse }) {
  if (page.kind === 'new') return <NewRequest slug={slug} me={me} />;
  if (page.kind === 'detail') return <RequestDetail slug={slug} requestId={page.requestId} me={me} />;
  return <RequestListPage slug={slug} me={me} />;
}

const statusLabels: Record<RequestStatus, MessageKey> = {
  new: 'portal.requests.status.new',
  scheduled: 'portal.requests.status.scheduled',
  declined: 'portal.requests.status.declined',
  withdrawn: 'portal.requests.status.withdrawn',
};
const statusBadges: Record<RequestStatus, string> = { new: 'badge-open', scheduled: 'badge-scheduled', declined: 'badge-declined', withdrawn: 'badge-cancelled' };

function StatusBadge({ status }: { status: RequestStatus }) {
  return <span class={`badge ${statusBadges[status]}`}>{t(statusLabels[status])}</span>;
}

const serviceName = (r: { service: { name: string } | null }) => r.service?.name ?? t('portal.requests.service.other');

function useRequests(slug: string) {
  const [loaded, retry] = useResource((signal) => request<RequestList>('GET', '/api/requests?limit=50', undefined, signal), []);
  useSignInWhenSignedOut(slug, loaded.status === 'error' && loaded.problem.status === 401);
  return [loaded, retry] as const;
}

function RequestListPage({ slug, me }: { slug: string; me: MeResponse }) {
  const [loaded, retry] = useRequests(slug);
  return (
    <>
      <p>
        <Link class="button button-primary" href={paths.newRequest(slug)}>
          {t('portal.requests.new.button')}
        </Link>
      </p>
      {loaded.status === 'loading' ? (
        <Loading />
      ) : loaded.status === 'error' ? (
        loaded.problem.status !== 401 && <ProblemMessage problem={loaded.problem} retry={retry} />
      ) : loaded.data.items.length === 0 ? (
        <p class="empty">{t('portal.requests.empty')}</p>
      ) : (
        <ul class="card-list">
          {loaded.data.items.map((r) => (
            <li key={r.id} class="card">
              <div class="card-top">
                <h2 class="card-title">
                  <Link href={paths.request(slug, r.id)}>{serviceName(r)}</Link>
                </h2>
                <StatusBadge status={r.status} />
              </div>
              <p class="prewrap">{r.description}</p>
              <p class="hint">{t('portal.requests.sentAt', { time: formatDateTime(r.createdAt, me.business.timeZone) })}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function NewRequest({ slug, me }: { slug: string; me: MeResponse }) {
  const [loaded, retry] = useRequests(slug);
  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'error') return loaded.problem.status === 401 ? null : <ProblemMessage problem={loaded.problem} retry={retry} />;
  return (
    <RequestForm
      slug={slug}
      mode="customer"
      owner={me.customer.id}
      services={me.business.services ?? []}
      addresses={loaded.data.addresses}
      onSent={(made: RequestView) => {
        announce(t('portal.requests.new.done'));
        navigate(paths.request(slug, made.id), { replace: true });
      }}
    />
  );
}

const urgencyLabels: Record<RequestView['urgency'], MessageKey> = {
  routine: 'portal.requests.urgency.routine',
  soon: 'portal.requests.urgency.soon',
  urgent: 'portal.requests.urgency.urgent',
};

function RequestDetail({ slug, requestId, me }: { slug: string; requestId: string; me: MeResponse }) {
  const [loaded, retry] = useResource((signal) => request<RequestView>('GET', `/api/requests/${encodeURIComponent(requestId)}`, undefined, signal), [requestId]);
  const [fresh, setFresh] = useState<RequestView | null>(null);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [signedOut, setSignedOut] = useState(false);
  useSignInWhenSignedOut(slug, signedOut || (loaded.status === 'error' && loaded.problem.status === 401));
  const shown = fresh ?? (loaded.status === 'ok' ? loaded.data : null);
  if (!shown) return loaded.status === 'error' && loaded.problem.status !== 401 ? <ProblemMessage problem={loaded.problem} retry={retry} /> : <Loading />;
  const zone = me.business.timeZone;
  const a = shown.address;
  const withdraw = async () => {
    setPending(true);
    setProblem(null);
    const answer = await request<RequestView>('POST', `/api/requests/${encodeURIComponent(shown.id)}/withdraw`, {}, undefined, { 'idempotency-key': newIdempotencyKey() });
    setPending(false);
    if (answer.ok) {
      setFresh(answer.data);
      announce(t('portal.requests.withdrawn'));
    } else if (answer.status === 401) setSignedOut(true);
    else setProblem(answer.problem);
  };
  return (
    <>
      <div class="card-top">
        <h2>{serviceName(shown)}</h2>
        <StatusBadge status={shown.status} />
      </div>
      {shown.status === 'scheduled' && shown.jobId && (
        <div class="notice notice-success">
          <p>{t('portal.requests.scheduledNote', { business: me.business.name })}</p>
          <p>
            <Link href={paths.job(slug, shown.jobId)}>{t('portal.requests.openJob')}</Link>
          </p>
        </div>
      )}
      {shown.status === 'declined' && (
        <div class="notice">
          <p>{t('portal.requests.declinedNote', { business: me.business.name })}</p>
          <p class="prewrap">{shown.declineReason}</p>
        </div>
      )}
      <dl class="details">
        <dt>{t('portal.requests.field.description')}</dt>
        <dd class="prewrap">{shown.description}</dd>
        <dt>{t('portal.requests.field.address')}</dt>
        <dd>
          <span class="address">{[a.line1, a.line2, `${a.city}, ${a.region} ${a.postalCode}`].filter(Boolean).join(', ')}</span>
        </dd>
        <dt>{t('portal.requests.field.when')}</dt>
        <dd>
          {shown.asSoonAsPossible ? (
            t('portal.requests.when.asap')
          ) : (
            <ul class="plain-list">
              {shown.windows.map((w) => (
                <li key={w.start}>{formatTimeRange(w, zone)}</li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('portal.requests.field.urgency')}</dt>
        <dd>{t(urgencyLabels[shown.urgency])}</dd>
        <dt>{t('portal.requests.field.files')}</dt>
        <dd>
          {shown.files.length === 0 ? (
            t('portal.requests.files.none')
          ) : (
            <ul class="plain-list">
              {shown.files.map((f) => (
                <li key={f.id}>{f.fileName}</li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('portal.requests.field.sent')}</dt>
        <dd>{formatDateTime(shown.createdAt, zone)}</dd>
      </dl>
      {problem && <ProblemMessage problem={problem} />}
      {shown.status === 'new' && (
        <section class="section" aria-labelledby="withdraw-heading">
          <h2 id="withdraw-heading">{t('portal.requests.withdraw.heading')}</h2>
          <p>{t('portal.requests.withdraw.text')}</p>
          <BusyButton class="button button-secondary" pending={pending} onClick={() => void withdraw()}>
            {t('portal.requests.withdraw.button')}
          </BusyButton>
        </section>
      )}
    </>
  );
}

function PublicRequestBody({ slug, page, portal }: { slug: string; page: PublicRequestPage; portal: PortalInfo }) {
  if (page === 'sent') return <CheckYourEmail slug={slug} business={portal.name} />;
  if (page === 'confirm') return <ConfirmRequest slug={slug} business={portal.name} />;
  return (
    <>
      <p class="lead">{t('portal.requests.public.intro', { business: portal.name })}</p>
      <RequestForm
        slug={slug}
        mode="public"
        owner="public"
        services={portal.services ?? []}
        addresses={[]}
        onSent={(_made, email) => {
          sessionStorage.setItem(sentToKey(slug), email ?? '');
          navigate(paths.publicRequest(slug, 'sent'), { replace: true });
        }}
      />
    </>
  );
}

function CheckYourEmail({ slug, business }: { slug: string; business: string }) {
  const [email] = useState(() => sessionStorage.getItem(sentToKey(slug)));
  return (
    <>
      <p>{email ? t('portal.requests.sent.text', { email, business }) : t('portal.requests.sent.textNoEmail', { business })}</p>
      <p>{t('portal.requests.sent.expiry')}</p>
      <p>
        <Link href={paths.publicRequest(slug)}>{t('portal.requests.sent.again')}</Link>
      </p>
    </>
  );
}

/** Where the emailed link lands: the token leaves the address bar at once; only the person's click confirms (a mail scanner opening the link confirms nothing). */
function ConfirmRequest({ slug, business }: { slug: string; business: string }) {
  const [link] = useState(() => {
    const params = new URLSearchParams(location.hash.replace(/^#/, ''));
    const found = { requestId: params.get('request'), token: params.get('token') };
    if (location.hash) dropFragment();
    return found;
  });
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  if (!link.requestId || !link.token) {
    return (
      <div class="notice notice-error" role="alert">
        <p>{t('portal.requests.confirm.broken')}</p>
        <p>
          <Link href={paths.publicRequest(slug)}>{t('portal.requests.sent.again')}</Link>
        </p>
      </div>
    );
  }
  const confirm = async () => {
    setPending(true);
    setProblem(null);
    const answer = await request<PublicRequestConfirmed>('POST', `/api/portals/${encodeURIComponent(slug)}/requests/${encodeURIComponent(link.requestId!)}/confirm`, { token: link.token });
    setPending(false);
    if (answer.ok) {
      setDone(true);
      announce(t('portal.requests.confirm.done', { business }));
    } else setProblem(answer.problem);
  };
  if (done) {
    return (
      <div class="notice notice-success" role="status">
        <p>{t('portal.requests.confirm.done', { business })}</p>
      </div>
    );
  }
  return (
    <>
      <p>{t('portal.requests.confirm.text', { business })}</p>
      {problem && (
        <div role="alert">
          <ProblemMessage problem={problem} />
          {(problem.status === 410 || problem.status === 400 || problem.status === 404) && (
            <p>
              <Link href={paths.publicRequest(slug)}>{t('portal.requests.sent.again')}</Link>
            </p>
          )}
        </div>
      )}
      <BusyButton class="button button-primary" pending={pending} onClick={() => void confirm()}>
        {t('portal.requests.confirm.button')}
      </BusyButton>
    </>
  );
}
