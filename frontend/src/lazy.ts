/**
 * Code loaded only by the pages that need it (`import()`: esbuild puts it in its own chunk), so
 * it does not weigh on the portal's first load. A load that fails (a dropped connection) is
 * forgotten, so "Try again" really tries again; as an ApiResult it shows like any other failure.
 */
import { type ApiResult, networkProblem } from './api';

export function lazyModule<T>(load: () => Promise<T>): () => Promise<ApiResult<T>> {
  let pending: Promise<ApiResult<T>> | null = null;
  return () =>
    (pending ??= load().then(
      (data): ApiResult<T> => ({ ok: true, status: 200, data }),
      (): ApiResult<T> => {
        pending = null;
        return { ok: false, status: 0, problem: networkProblem() };
      },
    ));
}

/** The estimate page's body (options, signing, deposit, booking): the estimate pages only. */
export const loadEstimateBody = lazyModule(() => import('./components/estimate/EstimateBody'));

/** Home's body: fetched at start beside Home's read (startReads.ts). */
export const loadHomeBody = lazyModule(() => import('./pages/home/HomeBody'));

/** The customer's own account pages (details, devices, live links): visited seldom, so never in the first load. */
export const loadAccountPages = lazyModule(() => import('./pages/account/AccountPages'));

/** The page Stripe sends the customer back to after paying: reached by a page load, fetched beside its first reads (startReads.ts). */
export const loadPaymentResult = lazyModule(() => import('./pages/PaymentResult'));

/** Email and password on the sign-in page: only for those who set a password and ask for it. */
export const loadPasswordSignIn = lazyModule(() => import('./pages/sign-in/PasswordSignIn'));

/** The Forms section's list and form, and a form link's form: only for those who open one. */
export const loadFormPages = lazyModule(() => import('./pages/forms/FormPages'));

/** A job's messages (the list and the form to write): loaded beside the job's own read, as the job page opens. */
export const loadMessagesSection = lazyModule(() => import('./components/job/MessagesSection'));

/** Service requests (the list, the form, one request, and the website's form with its confirmation): its own chunk, with the uploads. */
export const loadRequestPages = lazyModule(() => import('./pages/requests/RequestPages'));
