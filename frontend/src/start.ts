/**
 * index.html's first module script: the page's language (its catalog on the way) and then its
 * first reads, sent before the app has arrived (startReads.ts), so they already ask their answers
 * in that language (Accept-Language); then the browser's Intl data, loaded off the main thread
 * while they travel (i18n/warm-up.ts).
 */
import { loaders } from 'virtual:catalogs';
import { startLanguage } from './i18n/choice';
import { setCatalogLoader } from './i18n/current';
import { startReads } from './startReads';
import { warmUpIntl } from './i18n/warm-up';

setCatalogLoader((language) => loaders[language]!().then((chunk) => chunk.default));
void startLanguage().catch(() => undefined);
startReads(location);
warmUpIntl();
