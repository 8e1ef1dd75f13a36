/**
 * The tracking page's entry (track.html, served for `/{slug}/track`): a page of its own, light
 * enough for a phone opening a text message, that loads none of the portal's app. Its map is a
 * further chunk, fetched once the text is on screen (tracking/TrackingMap.tsx). Its catalog holds
 * only the common and tracking messages (frontend/build.ts), and is fetched with the first read of
 * the visit: neither waits for the other.
 */
import { render } from 'preact';
import { loaders } from 'virtual:catalogs';
import { startLanguage } from './i18n/choice';
import { setCatalogLoader, whenLanguageShown } from './i18n/current';
import { prefetchTracking } from './tracking/api';
import { jobFromSearch, peekTrackingToken, slugFromPath } from './tracking/link';
import { TrackingPage } from './tracking/TrackingPage';
import { warmUpIntl } from './i18n/warm-up';

setCatalogLoader((language) => loaders[language]!().then((chunk) => chunk.default));
// A catalog lost on the way is asked for once more; failing twice, the page shows anyway.
const started = startLanguage().catch(() => startLanguage());
const slug = slugFromPath(location.pathname);
const token = slug ? peekTrackingToken(slug) : null;
const job = token ? null : jobFromSearch(location.search);
if (token) prefetchTracking({ link: token });
else if (job) prefetchTracking({ job });
warmUpIntl();

const root = document.getElementById('app');
let rendered = false;
const show = () => {
  if (rendered || !root) return;
  rendered = true;
  render(<TrackingPage />, root);
};
void whenLanguageShown().then(show);
started.catch(show);
