/**
 * Everything of the app's that the lazily loaded pages use (lazy.ts), reached from one place.
 * Every lazy page imports this file first (`import '../lazy-kit'`): esbuild places a module in a
 * chunk by the set of entries that reach it, so pages reaching different handfuls of the app's
 * modules would split the first load into one small chunk per combination (seven files, 0.9 KB
 * gzip more, when the account pages came). Reaching all of them through here, every lazy page
 * shares one chunk with the app. The build fails when a lazy page reaches an app module this file
 * does not (frontend/build.ts, `chunksSharedWithLazyPages`): add it here.
 *
 * Pages import from the modules themselves as usual; nothing imports names from here.
 */
export * from './api';
export * from './components/AmountRow';
export * from './components/Announcer';
export * from './components/BusinessContact';
export * from './components/BusyButton';
export * from './components/FinancingOffer';
export * from './components/Link';
export * from './components/LinkStatusPage';
export * from './layouts/PublicLayout';
export * from './useLinkedDocument';
export * from './components/Page';
export * from './components/Status';
export * from './components/StatusBadge';
export * from './contact';
export * from './components/job/MoreButton';
export * from './components/job/Section';
export * from './components/job/useSectionPages';
export * from './format';
export * from './payments';
export * from './router';
export * from './token';
export * from './useCheckout';
export * from './useCheckoutStatus';
export * from './useResource';
export * from './useSignInWhenSignedOut';
export * from './usePortal';
export * from './pages/NotFound';
export * from './components/LazyPages';
export * from './components/LineItems';
export * from './i18n/current';
export * from '../../shared/contract/phone';
