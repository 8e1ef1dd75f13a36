/**
 * The portal's first move on a page load: index.html runs start.ts, a small module, before the
 * app, and it asks the API for what the page at this address will show. On a phone on slow 4G the app's
 * code takes longer to arrive and run than these answers, so they travel meanwhile instead of
 * after it (and a signed-in page's own read no longer waits for `GET /api/session`). The app takes the
 * answers from session.ts's caches (the portal, the customer) and from api.ts's early reads (the
 * page's own read, each given once): nothing is asked twice.
 *
 * It asks what the pages ask, with the same paths; should a page ask otherwise (another list tab
 * by default, say), it simply asks for itself and the early answer goes unused.
 */
import { api, readEarly } from './api';
import { loadEstimateBody, loadHomeBody, loadPaymentResult } from './lazy';
import { matchRoute } from './router';
import { loadMe, loadPortal, probablySignedIn, readPayLink } from './session';
import { readToken } from './token';

export function startReads(url: { pathname: string; search: string; hash: string }): void {
  const route = matchRoute(url.pathname);
  // Back from Stripe: the page's code is a chunk of its own, on its way at once (its reads wait for the layout's).
  if (route.name === 'payment') return void loadPaymentResult();
  if (route.name === 'root' || route.name === 'notFound') return;
  const { slug } = route;
  const query = new URLSearchParams(url.search);
  // Every page under a portal shows its name and colours (and app.tsx checks whether it moved).
  void loadPortal(slug);

  switch (route.name) {
    case 'signIn':
      // Signed in already: the sign-in page sends the customer on to their work history.
      void loadMe();
      return;
    case 'link': {
      const token = readToken(url.hash);
      if (token) readEarly(() => void api.link(token));
      return;
    }
    case 'pay':
    case 'estimateLink': {
      // The estimate page's body is a chunk of its own: on its way with the data, not after the page has drawn.
      if (route.name === 'estimateLink') void loadEstimateBody();
      // The page takes the token out of the address bar and keeps it for this tab (linkToken.ts).
      const token = url.hash ? readToken(url.hash) : readPayLink(slug);
      if (!token) return;
      const opens = route.name === 'pay' ? 'invoice' : 'estimate';
      readEarly(() => {
        void api.link(token).then((link) => {
          const id = link.ok && link.data.kind === opens ? link.data.id : undefined;
          if (id) readEarly(() => void (opens === 'invoice' ? api.invoice(id, undefined, token) : api.estimate(id, undefined, token)));
        });
      });
      return;
    }
    case 'check':
      return;
  }

  // The signed-in pages: the customer, and the page's own read beside it when this browser was
  // signed in last time (a signed-out visitor's page would only be refused it: rule 68).
  void loadMe();
  if (!probablySignedIn()) return;
  readEarly(() => {
    switch (route.name) {
      case 'home':
        void loadHomeBody();
        void api.home();
        return;
      case 'jobs':
        void api.jobs({ when: query.get('when') === 'past' ? 'past' : 'upcoming' });
        return;
      case 'job':
        void api.job(route.jobId);
        return;
      case 'invoices':
        void api.invoices({ status: query.get('status') === 'paid' ? 'paid' : 'open' });
        return;
      case 'invoice':
        void api.invoice(route.invoiceId);
        return;
      case 'estimate':
        void loadEstimateBody();
        void api.estimate(route.estimateId);
        return;
    }
  });
}
