/**
 * A tiny history.pushState router: route matching is a pure function of the pathname (unit
 * tested), navigation is pushState plus a notification. No router library: every kilobyte
 * counts for customers opening a text message on a cheap phone.
 */
import { is } from 'valibot';
import { CheckoutPath } from '../../shared/contract/customer/payments';
import { EstimatePath } from '../../shared/contract/customer/estimates';
import { InvoicePath } from '../../shared/contract/customer/invoices';
import { JobId } from '../../shared/contract/customer/jobs';
import { RequestId } from '../../shared/contract/customer/request-id';
import { Slug } from '../../shared/contract/slugs';
import { returnPageOf } from '../../shared/contract/customer/auth';
import type { PortalSection } from '../../shared/contract/customer/portal';

export type Route =
  /** `/`: no portal named. */
  | { name: 'root' }
  /** Home: what needs the customer now. */
  | { name: 'home'; slug: string }
  | { name: 'signIn'; slug: string }
  | { name: 'check'; slug: string }
  | { name: 'link'; slug: string }
  /** A pay link: one invoice, paid without signing in. */
  | { name: 'pay'; slug: string }
  | { name: 'jobs'; slug: string }
  | { name: 'job'; slug: string; jobId: string }
  | { name: 'invoices'; slug: string }
  | { name: 'invoice'; slug: string; invoiceId: string }
  | { name: 'estimates'; slug: string }
  | { name: 'estimate'; slug: string; estimateId: string }
  /** An estimate link: one estimate, read and decided without signing in. */
  | { name: 'estimateLink'; slug: string }
  /** The forms the business sent: to fill, and submitted. */
  | { name: 'forms'; slug: string }
  | { name: 'form'; slug: string; formId: string }
  /** A form link: one form, filled without signing in. */
  | { name: 'formLink'; slug: string }
  /** Where Stripe sends the customer back after paying (the checkout's success URL). */
  | { name: 'payment'; slug: string; checkoutId: string }
  /** Service requests: the customer's list, the form, one request. */
  | { name: 'requests'; slug: string; page: RequestPage }
  /** The request form on the business's website (no sign-in), "check your email", and the emailed link's landing. */
  | { name: 'publicRequest'; slug: string; page: PublicRequestPage }
  /** The customer's own account: their details, where they are signed in, their live links. */
  | { name: 'account'; slug: string; page: AccountPage }
  /** Unknown path. `slug` is set when the first segment is a valid portal slug. */
  | { name: 'notFound'; slug: string | null };

export type AccountPage = 'profile' | 'devices' | 'links';
export type RequestPage = { kind: 'list' } | { kind: 'new' } | { kind: 'detail'; requestId: string };
export type PublicRequestPage = 'form' | 'sent' | 'confirm';

/** URL builders, so every link in the app agrees with matchRoute. */
export const paths = {
  root: () => '/',
  home: (slug: string) => `/${slug}/home`,
  /**
   * Where a sign-in lands when it came for no page: Home, or where the business's first section
   * is when it hides Home (the account page when it shows none of those).
   */
  landing: (slug: string, sections: readonly PortalSection[]) => {
    const first = sections.find((s) => s !== 'messages');
    return first === 'home' ? paths.home(slug) : first === 'jobs' ? paths.jobs(slug) : first === 'invoices' ? paths.invoices(slug) : first === 'estimates' ? paths.estimates(slug) : first === 'requests' ? paths.requests(slug) : first === 'forms' ? paths.forms(slug) : paths.account(slug);
  },
  /** `returnTo`: the page to land on after the sign-in link (rule 67), kept only when it is one of this portal's. */
  signIn: (slug: string, returnTo?: string | null) => `/${slug}/${returnToOf(slug, returnTo) ? `?returnTo=${encodeURIComponent(returnTo!)}` : ''}`,
  check: (slug: string) => `/${slug}/check`,
  link: (slug: string) => `/${slug}/link`,
  pay: (slug: string) => `/${slug}/pay`,
  jobs: (slug: string, when?: 'upcoming' | 'past') => `/${slug}/jobs${when === 'past' ? '?when=past' : ''}`,
  job: (slug: string, jobId: string) => `/${slug}/jobs/${jobId}`,
  invoices: (slug: string, status?: 'open' | 'paid') => `/${slug}/invoices${status === 'paid' ? '?status=paid' : ''}`,
  invoice: (slug: string, invoiceId: string) => `/${slug}/invoices/${invoiceId}`,
  payment: (slug: string, checkoutId: string) => `/${slug}/payments/${checkoutId}`,
  estimates: (slug: string, status?: 'open' | 'decided' | 'expired') => `/${slug}/estimates${status && status !== 'open' ? `?status=${status}` : ''}`,
  /** `checkout`: back from paying the deposit (Stripe's success URL names the checkout). */
  estimate: (slug: string, estimateId: string, checkout?: string) => `/${slug}/estimates/${estimateId}${checkout ? `?checkout=${checkout}` : ''}`,
  estimateLink: (slug: string, checkout?: string) => `/${slug}/estimate${checkout ? `?checkout=${checkout}` : ''}`,
  forms: (slug: string, status?: 'open' | 'submitted') => `/${slug}/forms${status === 'submitted' ? '?status=submitted' : ''}`,
  form: (slug: string, formId: string) => `/${slug}/forms/${formId}`,
  formLink: (slug: string) => `/${slug}/form`,
  account: (slug: string, page: AccountPage = 'profile') => `/${slug}/profile${page === 'profile' ? '' : `/${page}`}`,
  requests: (slug: string) => `/${slug}/requests`,
  newRequest: (slug: string) => `/${slug}/requests/new`,
  request: (slug: string, requestId: string) => `/${slug}/requests/${requestId}`,
  publicRequest: (slug: string, page: PublicRequestPage = 'form') => `/${slug}/request${page === 'form' ? '' : `/${page}`}`,
  /** The tracking page: its own light entry (track.html), so it is reached by a page load, never in-app. */
  track: (slug: string, job?: string) => `/${slug}/track${job ? `?job=${encodeURIComponent(job)}` : ''}`,
};

/** Maps a pathname to a route. A trailing slash is optional on every page but `/`. */
export function matchRoute(pathname: string): Route {
  const parts = pathname.split('/').filter((p, i, all) => !(p === '' && (i === 0 || i === all.length - 1)));
  if (parts.length === 0) return { name: 'root' };
  const [slug, page, id, ...rest] = parts as [string, ...string[]];
  if (!is(Slug, slug)) return { name: 'notFound', slug: null };
  if (rest.length > 0 || parts.includes('')) return { name: 'notFound', slug };
  if (page === undefined) return { name: 'signIn', slug };
  if (id === undefined) {
    if (page === 'check') return { name: 'check', slug };
    if (page === 'home') return { name: 'home', slug };
    if (page === 'link') return { name: 'link', slug };
    if (page === 'pay') return { name: 'pay', slug };
    if (page === 'jobs') return { name: 'jobs', slug };
    if (page === 'invoices') return { name: 'invoices', slug };
    if (page === 'estimates') return { name: 'estimates', slug };
    if (page === 'estimate') return { name: 'estimateLink', slug };
    if (page === 'forms') return { name: 'forms', slug };
    if (page === 'form') return { name: 'formLink', slug };
    if (page === 'profile') return { name: 'account', slug, page: 'profile' };
    if (page === 'requests') return { name: 'requests', slug, page: { kind: 'list' } };
    if (page === 'request') return { name: 'publicRequest', slug, page: 'form' };
    return { name: 'notFound', slug };
  }
  if (page === 'jobs' && is(JobId, id)) return { name: 'job', slug, jobId: id };
  if (page === 'invoices' && is(InvoicePath.entries.invoiceId, id)) return { name: 'invoice', slug, invoiceId: id };
  if (page === 'estimates' && is(EstimatePath.entries.estimateId, id)) return { name: 'estimate', slug, estimateId: id };
  // A sent form's id (shared/contract/customer/forms.ts, SentFormId), tested here without its schema: a few bytes less for every first load.
  if (page === 'forms' && /^sfm_[A-Za-z0-9]{22}$/.test(id)) return { name: 'form', slug, formId: id };
  if (page === 'payments' && is(CheckoutPath.entries.checkoutId, id)) return { name: 'payment', slug, checkoutId: id };
  if (page === 'profile' && (id === 'devices' || id === 'links')) return { name: 'account', slug, page: id };
  if (page === 'requests' && id === 'new') return { name: 'requests', slug, page: { kind: 'new' } };
  if (page === 'requests' && is(RequestId, id)) return { name: 'requests', slug, page: { kind: 'detail', requestId: id } };
  if (page === 'request' && (id === 'sent' || id === 'confirm')) return { name: 'publicRequest', slug, page: id };
  return { name: 'notFound', slug };
}

/**
 * The same address under the slug a business moved to (rule 58): only the first segment changes;
 * the rest of the path, the query and the fragment stay.
 */
export function movedPath(current: { pathname: string; search: string; hash: string }, from: string, to: string): string {
  const rest = current.pathname.startsWith(`/${from}`) ? current.pathname.slice(from.length + 1) : '/';
  return `/${to}${rest || '/'}${current.search}${current.hash}`;
}

/**
 * A page to come back to after signing in (rule 67): a signed-in page of this same portal
 * (`/acme/jobs/job_1`), else null. Home itself is where a sign-in lands anyway.
 */
export function returnToOf(slug: string, path: string | null | undefined): string | null {
  if (!path || returnPageOf(slug, path) === null) return null;
  return path === paths.home(slug) ? null : path;
}

/** `?returnTo=…` on the sign-in page, when it names a page of this portal. */
export const returnToFromSearch = (slug: string, search: string): string | null => returnToOf(slug, new URLSearchParams(search).get('returnTo'));

/** The checkout id in `?checkout=…` (back from paying a deposit), or null when missing or malformed. */
export function checkoutFromSearch(search: string): string | null {
  const id = new URLSearchParams(search).get('checkout');
  return id !== null && is(CheckoutPath.entries.checkoutId, id) ? id : null;
}

// ---------- navigation (browser only) ----------

type Listener = () => void;
const listeners = new Set<Listener>();
/** Set by a navigation, taken by the next page that mounts: it moves focus to its h1. */
let focusPending = false;

export function subscribe(listener: Listener): () => void {
  if (listeners.size === 0) window.addEventListener('popstate', onPopState);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', onPopState);
  };
}

function onPopState(): void {
  focusPending = true;
  notify();
}

function notify(): void {
  for (const listener of listeners) listener();
}

/** Goes to an in-app URL. `replace` keeps the current entry out of the Back history. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = new URL(to, location.href);
  if (url.origin !== location.origin) {
    location.assign(url.href);
    return;
  }
  if (options.replace) history.replaceState(null, '', url.href);
  else history.pushState(null, '', url.href);
  focusPending = true;
  if (!options.replace) window.scrollTo(0, 0);
  notify();
}

/** Takes the URL fragment (a link's token) out of the address bar and this history entry: no navigation. */
export function dropFragment(): void {
  history.replaceState(history.state, '', location.pathname + location.search);
}

/** True once after each navigation: the page that mounts next moves focus to its heading. */
export function takeFocusRequest(): boolean {
  const pending = focusPending;
  focusPending = false;
  return pending;
}

/** Whether a click on a link should be left to the browser (new tab, download, ...). */
export function isPlainLeftClick(e: MouseEvent): boolean {
  return e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey && !e.defaultPrevented;
}
