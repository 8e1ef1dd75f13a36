import { render } from 'preact';
import { App } from './app';
import { startLanguage } from './i18n/choice';
import { whenLanguageShown } from './i18n/current';

// start.ts, which ran first, set the page's language going and sent its first API requests: the
// catalog and the data travel together, and the page renders once its words are here (its data
// may still be on the way). A catalog lost on the way is asked for once more; failing twice, the
// page shows anyway. (start.ts set where catalogs come from.)
const started = startLanguage().catch(() => startLanguage());

const root = document.getElementById('app');
let rendered = false;
const show = () => {
  if (rendered || !root) return;
  rendered = true;
  render(<App />, root);
};
void whenLanguageShown().then(show);
started.catch(show);
