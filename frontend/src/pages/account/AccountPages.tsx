/**
 * The customer's own account (a lazy chunk, see ../Account.tsx, which holds each page's frame):
 * - Profile: their name, email and phone, which notices they want (./ProfileBody.tsx), and the way
 *   to the two pages below.
 * - Signed-in devices: each browser signed in to the account; any other one can be signed out,
 *   or all the others at once.
 * - Live links: the links sent to them that open something without signing in, until they
 *   expire; any one can be withdrawn.
 * Ending a session or withdrawing a link takes it off the list at once; the message saying so
 * takes focus, since the button that was pressed has gone with its row.
 */
import '../../lazy-kit';
import { useRef, useState } from 'preact/hooks';
import type { DeviceView, LiveLinkView, LiveLinksResponse, RevokeOthersResponse, SessionsResponse } from '../../../../shared/contract/customer/account';
import type { MeResponse } from '../../../../shared/contract/customer/portal';
import type { Problem } from '../../../../shared/contract/problem';
import { formatPhone } from '../../../../shared/contract/phone';
import { request, type ApiResult } from '../../api';
import { BusyButton } from '../../components/BusyButton';
import { Link } from '../../components/Link';
import { Loading, ProblemMessage } from '../../components/Status';
import { formatDateTime } from '../../format';
import { paths, type AccountPage } from '../../router';
import { useResource } from '../../useResource';
import { useFocusWhen } from '../../useFocusWhen';
import { useSignInWhenSignedOut } from '../../useSignInWhenSignedOut';
import { t } from '../../i18n/current';
import { ProfileDetails } from './ProfileBody';

export function AccountBody({ slug, page, me }: { slug: string; page: AccountPage; me: MeResponse }) {
  if (page === 'devices') return <Devices slug={slug} me={me} />;
  if (page === 'links') return <LiveLinks slug={slug} me={me} />;
  return <Profile slug={slug} me={me} />;
}

function Profile({ slug, me }: { slug: string; me: MeResponse }) {
  return (
    <>
      <ProfileDetails slug={slug} me={me} />
      <section class="section" aria-labelledby="account-security">
        <h2 id="account-security">{t('portal.account.security')}</h2>
        <ul class="card-list">
          <li class="card">
            <h3 class="card-title">
              <Link class="stretched-link" href={paths.account(slug, 'devices')}>
                {t('portal.account.devices.title')}
              </Link>
            </h3>
            <p>{t('portal.account.devices.summary')}</p>
          </li>
          <li class="card">
            <h3 class="card-title">
              <Link class="stretched-link" href={paths.account(slug, 'links')}>
                {t('portal.account.links.title')}
              </Link>
            </h3>
            <p>{t('portal.account.links.summary')}</p>
          </li>
        </ul>
      </section>
    </>
  );
}

/** "Chrome 131 on Android 14", "Firefox 133", "A browser we could not name". */
function deviceName(device: DeviceView): string {
  if (device.browser && device.system) return t('portal.account.devices.browserOn', { browser: device.browser, system: device.system });
  return device.browser ?? device.system ?? t('portal.account.devices.unknown');
}

/** A list that shrinks as the customer ends things in it; a 401 from any request sends them to sign in. */
function useShrinkingList<T extends { id: string }>(slug: string, load: (signal: AbortSignal) => Promise<ApiResult<T[]>>) {
  const [loaded, retry] = useResource(load, []);
  const [gone, setGone] = useState<ReadonlySet<string>>(new Set());
  const [done, setDone] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const [signedOut, setSignedOut] = useState(false);
  useSignInWhenSignedOut(slug, signedOut || (loaded.status === 'error' && loaded.problem.status === 401));
  const items = loaded.status === 'ok' ? loaded.data.filter((item) => !gone.has(item.id)) : null;

  /** Runs the request for `key`; on success the `ids` leave the list and `message` is said. */
  const act = async (key: string, send: () => Promise<ApiResult<unknown>>, ids: (answer: unknown) => string[], message: string) => {
    setPending(key);
    setProblem(null);
    setDone(null);
    const result = await send();
    setPending(null);
    if (result.ok) {
      setGone((old) => new Set([...old, ...ids(result.data)]));
      setDone(message);
    } else if (result.status === 401) setSignedOut(true);
    else if (result.status === 404) {
      // Already ended or expired elsewhere: it leaves the list all the same.
      setGone((old) => new Set([...old, ...ids(undefined)]));
      setProblem(result.problem);
    } else setProblem(result.problem);
  };
  return { loaded, retry, items, done, problem, pending, act };
}

/** The outcome of the last action: it takes focus, since the row whose button was pressed is gone. */
function Outcome({ done, problem }: { done: string | null; problem: Problem | null }) {
  const box = useRef<HTMLParagraphElement>(null);
  useFocusWhen(box, done);
  if (problem) return <ProblemMessage problem={problem} takeFocus />;
  return done ? (
    <p class="notice notice-success" role="status" tabIndex={-1} ref={box}>
      {done}
    </p>
  ) : null;
}

function Devices({ slug, me }: { slug: string; me: MeResponse }) {
  const timeZone = me.business.timeZone;
  const list = useShrinkingList<DeviceView>(slug, async (signal) => {
    const result = await request<SessionsResponse>('GET', '/api/me/sessions', undefined, signal);
    return result.ok ? { ...result, data: result.data.sessions } : result;
  });
  const { items, act, pending } = list;
  const others = items?.filter((d) => !d.current) ?? [];
  return (
    <>
      <p class="lead">{t('portal.account.devices.intro')}</p>
      <Outcome done={list.done} problem={list.problem} />
      {list.loaded.status === 'loading' && <Loading />}
      {list.loaded.status === 'error' && list.loaded.problem.status !== 401 && <ProblemMessage problem={list.loaded.problem} retry={list.retry} />}
      {items && (
        <>
          <ul class="card-list account-list">
            {items.map((device) => (
              <li class="card" key={device.id}>
                <div class="card-top">
                  <h2 class="card-title">{deviceName(device)}</h2>
                  {device.current && <span class="badge badge-open">{t('portal.account.devices.thisDevice')}</span>}
                </div>
                <dl class="details">
                  <div>
                    <dt>{t('portal.account.devices.signedIn')}</dt>
                    <dd>
                      <time dateTime={device.signedInAt}>{formatDateTime(device.signedInAt, timeZone)}</time>
                      {device.signedInWith === 'password' ? ` · ${t('portal.account.devices.withPassword')}` : ''}
                    </dd>
                  </div>
                  <div>
                    <dt>{t('portal.account.devices.lastActive')}</dt>
                    <dd>{device.current ? t('portal.account.devices.now') : <time dateTime={device.lastSeenAt}>{formatDateTime(device.lastSeenAt, timeZone)}</time>}</dd>
                  </div>
                </dl>
                {device.current ? (
                  <p class="hint">{t('portal.account.devices.signOutHere')}</p>
                ) : (
                  <div class="card-actions">
                    <BusyButton
                      class="button button-secondary"
                      pending={pending === device.id}
                      disabled={pending !== null}
                      onClick={() =>
                        void act(device.id, () => request('DELETE', `/api/me/sessions/${encodeURIComponent(device.id)}`), () => [device.id], t('portal.account.devices.signedOut', { device: deviceName(device) }))
                      }
                    >
                      {t('portal.account.devices.signOut')}
                      <span class="visually-hidden"> {deviceName(device)}</span>
                    </BusyButton>
                  </div>
                )}
              </li>
            ))}
          </ul>
          {others.length > 0 && (
            <BusyButton
              class="button button-primary"
              pending={pending === 'others'}
              disabled={pending !== null}
              onClick={() =>
                void act(
                  'others',
                  () => request<RevokeOthersResponse>('POST', '/api/me/sessions/revoke-others', {}),
                  () => others.map((d) => d.id),
                  t('portal.account.devices.othersSignedOut'),
                )
              }
            >
              {t('portal.account.devices.signOutOthers')}
            </BusyButton>
          )}
        </>
      )}
    </>
  );
}

/** What a live link opens, in words: "Pay link for invoice INV-1080". */
function linkName(link: LiveLinkView): string {
  const number = link.opens?.number ?? '';
  const title = link.opens?.title ?? '';
  switch (link.kind) {
    case 'sign-in':
      return t('portal.account.links.signIn');
    case 'invoice':
      return number ? t('portal.account.links.invoice', { number }) : t('portal.account.links.invoiceUnnamed');
    case 'estimate':
      return number ? t('portal.account.links.estimate', { number, title }) : t('portal.account.links.estimateUnnamed');
    case 'tracking':
      return title ? t('portal.account.links.tracking', { title }) : t('portal.account.links.trackingUnnamed');
    case 'form':
      return title ? t('portal.forms.link', { title }) : t('portal.forms.linkUnnamed');
  }
}

function LiveLinks({ slug, me }: { slug: string; me: MeResponse }) {
  const timeZone = me.business.timeZone;
  const list = useShrinkingList<LiveLinkView>(slug, async (signal) => {
    const result = await request<LiveLinksResponse>('GET', '/api/me/links', undefined, signal);
    return result.ok ? { ...result, data: result.data.links } : result;
  });
  const { items, act, pending } = list;
  return (
    <>
      <p class="lead">{t('portal.account.links.intro')}</p>
      <Outcome done={list.done} problem={list.problem} />
      {list.loaded.status === 'loading' && <Loading />}
      {list.loaded.status === 'error' && list.loaded.problem.status !== 401 && <ProblemMessage problem={list.loaded.problem} retry={list.retry} />}
      {items && items.length === 0 && (
        <div class="empty">
          <p>{t('portal.account.links.none')}</p>
        </div>
      )}
      {items && items.length > 0 && (
        <ul class="card-list account-list">
          {items.map((link) => (
            <li class="card" key={link.id}>
              <h2 class="card-title">{linkName(link)}</h2>
              <dl class="details">
                {link.sentTo && (
                  <div>
                    <dt>{t('portal.account.links.sentTo')}</dt>
                    <dd>{t(link.sentTo.channel === 'sms' ? 'portal.account.links.byText' : 'portal.account.links.byEmail', { address: link.sentTo.address })}</dd>
                  </div>
                )}
                <div>
                  <dt>{t('portal.account.links.sent')}</dt>
                  <dd>
                    <time dateTime={link.issuedAt}>{formatDateTime(link.issuedAt, timeZone)}</time>
                  </dd>
                </div>
                <div>
                  <dt>{t('portal.account.links.expires')}</dt>
                  <dd>
                    <time dateTime={link.expiresAt}>{formatDateTime(link.expiresAt, timeZone)}</time>
                  </dd>
                </div>
              </dl>
              <div class="card-actions">
                <BusyButton
                  class="button button-secondary"
                  pending={pending === link.id}
                  disabled={pending !== null}
                  onClick={() => void act(link.id, () => request('DELETE', `/api/me/links/${encodeURIComponent(link.id)}`), () => [link.id], t('portal.account.links.withdrawn', { link: linkName(link) }))}
                >
                  {t('portal.account.links.withdraw')}
                  <span class="visually-hidden"> {linkName(link)}</span>
                </BusyButton>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
