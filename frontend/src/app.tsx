/** Picks the page for the current URL and wraps it in the right layout. */
import { useEffect, useState } from 'preact/hooks';
import { applyBrand } from './brand';
import { PublicLayout } from './layouts/PublicLayout';
import { SignedInLayout } from './layouts/SignedInLayout';
import { Account } from './pages/Account';
import { CheckInbox } from './pages/CheckInbox';
import { EstimateDetail } from './pages/EstimateDetail';
import { EstimateLink } from './pages/EstimateLink';
import { EstimateList } from './pages/EstimateList';
import { Home } from './pages/Home';
import { HomePage } from './pages/HomePage';
import { InvoiceDetail } from './pages/InvoiceDetail';
import { InvoiceList } from './pages/InvoiceList';
import { JobDetail } from './pages/JobDetail';
import { JobList } from './pages/JobList';
import { LinkLanding } from './pages/LinkLanding';
import { NotFound } from './pages/NotFound';
import { PayLink } from './pages/PayLink';
import { PaymentReturn } from './pages/PaymentReturn';
import { SignIn } from './pages/SignIn';
import { matchRoute, movedPath, navigate, subscribe } from './router';
import { WithLazyPages } from './components/LazyPages';
import { loadFormPages, loadRequestPages } from './lazy';
import { useLanguage } from './i18n/current';
import { loadPortal } from './session';

export function App() {
  // A language switch renders the whole page again, in place: every page keeps its state.
  useLanguage();
  // Every navigation counts, even to the same path (the menu's "Work history" from the
  // Past tab), so each one starts the page afresh.
  const [{ pathname, visit }, setLocation] = useState(() => ({ pathname: location.pathname, visit: 0 }));
  useEffect(() => subscribe(() => setLocation((old) => ({ pathname: location.pathname, visit: old.visit + 1 }))), []);
  const route = matchRoute(pathname);
  const key = String(visit);

  useEffect(() => {
    if (route.name === 'root' || (route.name === 'notFound' && !route.slug)) applyBrand(null);
  }, [route.name]);

  // A slug the business moved away from answers with `movedTo`: show the portal at its new
  // address. Not on the link pages: their token sits in the fragment and is kept under this
  // slug, and they are branded for the link's own business whatever the address says.
  const slug = 'slug' in route ? route.slug : null;
  const carriesToken = route.name === 'link' || route.name === 'pay' || route.name === 'estimateLink' || route.name === 'formLink';
  useEffect(() => {
    if (!slug || carriesToken) return;
    let current = true;
    void loadPortal(slug).then((result) => {
      if (current && result.ok && result.data.movedTo && result.data.movedTo !== slug) navigate(movedPath(location, slug, result.data.movedTo), { replace: true });
    });
    return () => {
      current = false;
    };
  }, [slug, carriesToken]);

  // Keyed by visit: a new page starts with fresh state and takes focus.
  switch (route.name) {
    case 'root':
      return (
        <PublicLayout slug={null}>
          <Home key={key} />
        </PublicLayout>
      );
    case 'home':
      return (
        <SignedInLayout slug={route.slug} current="home">
          {(me) => <HomePage key={key} slug={route.slug} me={me} />}
        </SignedInLayout>
      );
    case 'notFound':
      return (
        <PublicLayout slug={route.slug}>
          <NotFound key={key} slug={route.slug} />
        </PublicLayout>
      );
    case 'signIn':
      return (
        <PublicLayout slug={route.slug}>
          <SignIn key={key} slug={route.slug} />
        </PublicLayout>
      );
    case 'check':
      return (
        <PublicLayout slug={route.slug}>
          <CheckInbox key={key} slug={route.slug} />
        </PublicLayout>
      );
    case 'link':
      // Its own layout: it is branded for the business the link belongs to, whatever the URL says.
      return <LinkLanding key={key} slug={route.slug} />;
    case 'pay':
      // Likewise, for the business the pay link belongs to; no session needed.
      return <PayLink key={key} slug={route.slug} />;
    case 'jobs':
      return (
        <SignedInLayout slug={route.slug} current="jobs">
          {(me) => <JobList key={key} slug={route.slug} me={me} />}
        </SignedInLayout>
      );
    case 'job':
      return (
        <SignedInLayout slug={route.slug} current="jobs">
          {(me) => <JobDetail key={key} slug={route.slug} jobId={route.jobId} me={me} />}
        </SignedInLayout>
      );
    case 'invoices':
      return (
        <SignedInLayout slug={route.slug} current="invoices">
          {(me) => <InvoiceList key={key} slug={route.slug} me={me} />}
        </SignedInLayout>
      );
    case 'invoice':
      return (
        <SignedInLayout slug={route.slug} current="invoices">
          {(me) => <InvoiceDetail key={key} slug={route.slug} invoiceId={route.invoiceId} me={me} />}
        </SignedInLayout>
      );
    case 'estimates':
      return (
        <SignedInLayout slug={route.slug} current="estimates">
          {(me) => <EstimateList key={key} slug={route.slug} me={me} />}
        </SignedInLayout>
      );
    case 'estimate':
      return (
        <SignedInLayout slug={route.slug} current="estimates">
          {(me) => <EstimateDetail key={key} slug={route.slug} estimateId={route.estimateId} me={me} />}
        </SignedInLayout>
      );
    case 'estimateLink':
      // Like a pay link: branded for the link's business, no session needed.
      return <EstimateLink key={key} slug={route.slug} />;
    case 'forms':
    case 'form':
      return (
        <SignedInLayout slug={route.slug} current="forms">
          {(me) => <WithLazyPages key={key} load={loadFormPages}>{(pages) => <pages.FormsPage slug={route.slug} formId={route.name === 'form' ? route.formId : null} me={me} />}</WithLazyPages>}
        </SignedInLayout>
      );
    case 'formLink':
      // Like an estimate link: branded for the link's business, no session needed.
      return (
        <WithLazyPages key={key} load={loadFormPages} frame={(content) => <PublicLayout slug={route.slug}>{content}</PublicLayout>}>
          {(pages) => <pages.FormLinkPage slug={route.slug} />}
        </WithLazyPages>
      );
    case 'account':
      return (
        <SignedInLayout slug={route.slug} current="account">
          {(me) => <Account key={key} slug={route.slug} page={route.page} me={me} />}
        </SignedInLayout>
      );
    case 'requests':
      return (
        <SignedInLayout slug={route.slug} current="requests">
          {(me) => <WithLazyPages key={key} load={loadRequestPages}>{(pages) => <pages.RequestsPage slug={route.slug} page={route.page} me={me} />}</WithLazyPages>}
        </SignedInLayout>
      );
    case 'publicRequest':
      return (
        <PublicLayout slug={route.slug}>
          <WithLazyPages key={key} load={loadRequestPages}>{(pages) => <pages.PublicRequestPage slug={route.slug} page={route.page} />}</WithLazyPages>
        </PublicLayout>
      );
    case 'payment':
      // Signed in, or back from paying through a pay link kept in this tab.
      return <PaymentReturn key={key} slug={route.slug} checkoutId={route.checkoutId} />;
  }
}
