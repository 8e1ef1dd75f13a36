/**
 * `/{slug}/track#token=…`: who is coming, where they are and when they should arrive, with no
 * sign-in. Its own light entry (track.tsx, track.html): none of the portal's app is loaded.
 *
 * - Who: photo (initials in a circle when there is none or it does not load), name, vehicle.
 * - Status and arrival ("On the way · Arriving 2:10–2:20 PM", "Arriving any minute" once the
 *   range has started), the distance in the business's unit, and "Updated 20 s ago" from the
 *   position's time. Said aloud through a polite live region (announcer.ts): a change of status
 *   at once, the distance and arrival at most once a minute, never the seconds ticking by.
 * - The map (TrackingMap.tsx) after the text; the business's contact. Never any address text.
 * - Refreshed every 3 s while the tab is visible, slower while nothing moves (poller.ts); once
 *   arrived, nothing more moves.
 *   410 → "This visit is over" with the business's contact; 404 → the link is not valid; 429 →
 *   wait and try again.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState, useLayoutEffect } from 'preact/hooks';
import type { PortalInfo } from '../../../shared/contract/customer/portal';
import type { TrackingView } from '../../../shared/contract/customer/tracking';
import { applyBrand } from '../brand';
import { BrandMark } from '../components/BrandMark';
import { BusinessContact } from '../components/BusinessContact';
import { fetchPortal, fetchTracking } from './api';
import { nextAnnouncement, quiet, type Words } from './announcer';
import { formatAgo, formatArrival, formatDistance, initials } from './format';
import { forgetTrackingToken, jobFromSearch, slugFromPath, takeTrackingToken, type TrackingSource } from './link';
import { REFRESH_MS, startPolling, type Poller } from './poller';
import { initialState, nextState, type TrackingState } from './state';
import { TrackingMap } from './TrackingMap';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { learnBusinessLanguage } from '../i18n/choice';
import { t, useLanguage } from '../i18n/current';

/** Whom a page speaks for: from the last view, else from the portal. */
interface Business {
  name: string;
  branding: { primaryColor: string; logoUrl: string | null };
  contact: { phone: string | null; email: string | null };
}

/**
 * 3 s. Browser tests set `window.__trackingRefreshMs` before the page's script runs (an init
 * script) to watch refreshes without waiting; anything under a tenth of a second is ignored.
 */
function refreshInterval(): number {
  const hook = (window as { __trackingRefreshMs?: unknown }).__trackingRefreshMs;
  return typeof hook === 'number' && hook >= 100 ? hook : REFRESH_MS;
}

function useTracking(source: TrackingSource | null): TrackingState & { retry: () => void } {
  const [state, setState] = useState(() => initialState(source !== null));
  const poller = useRef<Poller | null>(null);
  useEffect(() => {
    if (!source) return;
    const p = startPolling(
      {
        fetch: (etag) => fetchTracking(source, etag),
        intervalMs: refreshInterval(),
        now: () => Date.now(),
        isVisible: () => document.visibilityState === 'visible',
        onVisibilityChange: (listener) => {
          document.addEventListener('visibilitychange', listener);
          return () => document.removeEventListener('visibilitychange', listener);
        },
        setTimeout: (callback, ms) => window.setTimeout(callback, ms),
        clearTimeout: (handle) => window.clearTimeout(handle as number),
      },
      (result) => {
        // A link that opens nothing is dropped; an ended visit's is kept, so a reload says it is over again.
        if (result.kind === 'invalid' && 'link' in source) forgetTrackingToken();
        setState((s) => nextState(s, result));
      },
    );
    poller.current = p;
    return () => p.stop();
  }, [source]);
  const retry = () => {
    setState((s) => ({ ...s, phase: s.view ? 'live' : 'loading', trouble: null }));
    poller.current?.refreshNow();
  };
  return { ...state, retry };
}

/** The current time, moving on every `ms`: for "Updated 20 s ago". */
function useNow(ms: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), ms);
    return () => window.clearInterval(timer);
  }, [ms]);
  return now;
}

export function TrackingPage() {
  // A language switch renders the page again, in place.
  useLanguage();
  const [slug] = useState(() => slugFromPath(location.pathname));
  // The link's token (kept for the tab); else, opened from Home when signed in, the job in `?job=`.
  const [source] = useState((): TrackingSource | null => {
    const token = slug ? takeTrackingToken(slug) : null;
    if (token) return { link: token };
    const job = jobFromSearch(location.search);
    return job ? { job } : null;
  });
  const state = useTracking(source);
  /** undefined while it is being read; null when it cannot be. */
  const [portal, setPortal] = useState<PortalInfo | null | undefined>(undefined);
  const { phase, view } = state;

  // The portal says whom to contact when the link shows nothing (any more) of the visit.
  const needPortal = !view && phase !== 'loading' && phase !== 'live' && slug !== null;
  useEffect(() => {
    if (!needPortal || !slug) return;
    let gone = false;
    fetchPortal(slug).then((p) => {
      learnBusinessLanguage(p?.defaultLanguage);
      if (!gone) setPortal(p);
    });
    return () => {
      gone = true;
    };
  }, [needPortal, slug]);

  const business: Business | null = view ? view.business : (portal ?? null);
  // Until the portal answers, no "contact the business" line that its name would then replace.
  const contactPending = !view && portal === undefined;
  useEffect(() => applyBrand(business?.branding.primaryColor), [business?.branding.primaryColor]);

  // Once the page showed the visit, a page replacing it takes focus to its heading: it is news.
  const wasLive = useRef(false);
  const takeFocus = wasLive.current && phase !== 'live';
  if (phase === 'live') wasLive.current = true;

  let content: ComponentChildren;
  if (phase === 'live' && view) {
    content = <LiveView view={view} trouble={state.trouble} detail={state.detail} retry={state.retry} />;
  } else if (phase === 'over') {
    content = (
      <Titled title={t('tracking.over.title')} business={business} takeFocus={takeFocus}>
        <p>{t('tracking.over.text')}</p>
        {!contactPending && <Contact business={business} lead={t('tracking.over.contact')} />}
      </Titled>
    );
  } else if (phase === 'invalid') {
    content = (
      <Titled title={t('tracking.invalid.title')} business={business} takeFocus={takeFocus}>
        <p>{t('common.link.invalid.detail')}</p>
        {!contactPending && <Contact business={business} lead={t('tracking.invalid.contact')} />}
      </Titled>
    );
  } else if (phase === 'limited') {
    content = (
      <Titled title={t('common.link.limited.title')} business={business}>
        <p>{t('common.link.limited.detail')}</p>
        <p>
          <button type="button" class="button button-secondary" onClick={state.retry}>
            {t('common.tryAgain')}
          </button>
        </p>
      </Titled>
    );
  } else if (phase === 'failed') {
    content = (
      <Titled title={t('tracking.title')} business={business}>
        <div class="notice notice-error" role="alert">
          <p>{t('tracking.failed', { detail: state.detail ?? t('tracking.error.generic') })}</p>
          <button type="button" class="button button-secondary" onClick={state.retry}>
            {t('common.tryAgain')}
          </button>
        </div>
      </Titled>
    );
  } else {
    content = (
      <Titled title={t('tracking.title')} business={business} busy>
        <p class="loading" role="status">
          <span class="spinner" aria-hidden="true" />
          {t('common.loading')}
        </p>
      </Titled>
    );
  }

  return (
    <>
      <header class="site-header">
        <div class="container header-inner">
          <LanguageSwitcher />
          <BrandMark portal={business} unknown={t('tracking.brandUnknown')} />
        </div>
      </header>
      <main id="main" class="container tracking">
        {content}
      </main>
    </>
  );
}

/** The h1 and the document title of every state but the live one. */
function Titled({ title, business, takeFocus = false, busy = false, children }: { title: string; business: Business | null; takeFocus?: boolean; busy?: boolean; children: ComponentChildren }) {
  const h1 = useRef<HTMLHeadingElement>(null);
  // On mount, in the same task the page is shown (a layout effect; see useFocusWhen).
  useLayoutEffect(() => {
    if (takeFocus) h1.current?.focus();
  }, []);
  useDocumentTitle(title, business);
  return (
    <>
      <h1 ref={h1} tabIndex={-1} aria-busy={busy || undefined}>
        {title}
      </h1>
      {children}
    </>
  );
}

function useDocumentTitle(title: string, business: Business | null): void {
  // In the same task as the h1 (see Page).
  useLayoutEffect(() => {
    document.title = business ? `${business.name} – ${title}` : title;
  }, [title, business?.name]);
}

/** "Questions? Contact Acme at (555) 555-0100 or office@acme.example.", or a fallback when the business is not known. */
function Contact({ business, lead }: { business: Business | null; lead: string }) {
  if (!business) return <p>{t('tracking.contactUnknown')}</p>;
  return <BusinessContact portal={business} lead={lead} class="tracking-contact" />;
}

function Avatar({ technician }: { technician: TrackingView['technician'] }) {
  const [failed, setFailed] = useState(false);
  if (technician.photoUrl && !failed) {
    // The name is written beside it: the photo itself says nothing more.
    return <img class="tracking-avatar" src={technician.photoUrl} alt="" width={64} height={64} onError={() => setFailed(true)} />;
  }
  return (
    <span class="tracking-avatar tracking-avatar--initials" aria-hidden="true">
      {initials(technician.name)}
    </span>
  );
}

/** What the live region holds: `nextAnnouncement` over each render (the page renders every second). */
function useAnnouncement(words: Words, now: number): string | null {
  const state = useRef(quiet);
  state.current = nextAnnouncement(state.current, words, now);
  return state.current.said;
}

function LiveView({ view, trouble, detail, retry }: { view: TrackingView; trouble: TrackingState['trouble']; detail: string | null; retry: () => void }) {
  const now = useNow(1000);
  const { business, technician } = view;
  const arrived = view.status === 'arrived';
  const title = arrived ? t('tracking.live.arrivedTitle', { name: technician.name }) : t('tracking.live.onTheWayTitle', { name: technician.name });
  useDocumentTitle(title, business);

  const since = view.position?.at ?? view.updatedAt;
  const statusWords = arrived ? t('tracking.status.arrived') : t('tracking.status.onTheWay');
  const arrival = arrived
    ? t('tracking.live.atDoor', { name: technician.name })
    : view.eta
      ? formatArrival(view.eta, business.timeZone, now)
      : t('tracking.live.noEta', { name: technician.name });
  const distance = !arrived && view.distanceMeters !== undefined ? t('tracking.live.away', { distance: formatDistance(view.distanceMeters, business.distanceUnit) }) : null;
  const sentence = (words: string) => (words.endsWith('.') ? words : `${words}.`);
  const spoken = [arrival, distance].filter((w): w is string => w !== null).map(sentence).join(' ');
  // The first arrival time is news like a status: said at once, not up to a minute later.
  const status = `${view.status}${view.eta ? '' : ' (no position yet)'}`;
  const said = useAnnouncement({ status, detail: spoken, text: `${sentence(statusWords)} ${spoken}` }, now.getTime());
  return (
    <>
      <h1 class="tracking-title">{title}</h1>
      <section class="tracking-card" aria-label={t('tracking.card')}>
        <div class="tracking-who">
          <Avatar technician={technician} />
          <div>
            <p class="tracking-name">{technician.name}</p>
            {technician.vehicle && <p class="tracking-vehicle">{technician.vehicle}</p>}
            <p class="tracking-business">{business.name}</p>
          </div>
        </div>
        <div class="tracking-live">
          <p class="tracking-status">
            <span class={`badge ${arrived ? 'badge-arrived' : 'badge-en-route'}`}>{statusWords}</span>
          </p>
          <p class="tracking-eta">{arrival}</p>
        </div>
        {/* What is said aloud (announcer.ts): a change of status at once, distance and arrival at most once a minute. */}
        <p class="visually-hidden tracking-announcer" aria-live="polite" aria-atomic="true">
          {said}
        </p>
        {!arrived && (
          <p class="tracking-meta">
            {distance && <span class="tracking-distance">{distance}</span>}
            <span class="tracking-updated">{t('tracking.live.updated', { ago: formatAgo(since, now) })}</span>
          </p>
        )}
        {trouble && (
          <div class="notice notice-error tracking-trouble">
            <p>
              {trouble === 'limited'
                ? t('tracking.trouble.limited')
                : t('tracking.trouble.failed', { detail: detail ?? t('tracking.trouble.couldNotRefresh') })}
            </p>
            {trouble === 'failed' && (
              <button type="button" class="button button-secondary button-small" onClick={retry}>
                {t('tracking.trouble.retryNow')}
              </button>
            )}
          </div>
        )}
      </section>
      <TrackingMap view={view} />
      <Contact business={business} lead={t('common.contact.questions')} />
    </>
  );
}
