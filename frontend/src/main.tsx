import { render } from 'preact';
import { loaders } from 'virtual:catalogs';
import { App } from './app';
import { startLanguage } from './i18n/choice';
import { setCatalogLoader, whenLanguageShown } from './i18n/current';
import { matchRoute } from './router';
import { startFirstRequest } from './session';

setCatalogLoader((language) => loaders[language]!().then((chunk) => chunk.default));
// The page's language's catalog and its first API request travel together: neither waits for
// the other, and the page renders once its words are here (its data may still be on the way).
// A catalog lost on the way is asked for once more; failing twice, the page shows anyway.
const started = startLanguage().catch(() => startLanguage());
startFirstRequest(matchRoute(location.pathname), location.hash);

const root = document.getElementById('app');
let rendered = false;
const show = () => {
  if (rendered || !root) return;
  rendered = true;
  render(<App />, root);
};
void whenLanguageShown().then(show);
started.catch(show);
