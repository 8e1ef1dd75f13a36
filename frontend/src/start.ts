/**
 * index.html's first module script: the page's language (its catalog on the way) and then its
 * first reads, sent before the app has arrived (startReads.ts), so they already ask their answers
 * in that language (Accept-Language).
 */
import { loaders } from 'virtual:catalogs';
import { startLanguage } from './i18n/choice';
import { setCatalogLoader } from './i18n/current';
import { startReads } from './startReads';

setCatalogLoader((language) => loaders[language]!().then((chunk) => chunk.default));
void startLanguage().catch(() => undefined);
startReads(location);
