/**
 * For unit tests of code that says things: the portal's catalogs compiled from the files (as the
 * build does) and shown in a language, English unless told, before the test reads any words.
 */
import { APP_CATALOG_AREAS, compiledCatalog, TRACK_CATALOG_AREAS } from '../catalog-plugin';
import type { Language } from '../../shared/contract/i18n/languages';
import { setCatalogLoader, showLanguage } from '../src/i18n/current';

const areas = [...new Set([...APP_CATALOG_AREAS, ...TRACK_CATALOG_AREAS])];

export async function showCatalogs(language: Language = 'en'): Promise<void> {
  setCatalogLoader(async (l) => JSON.parse(compiledCatalog(l, areas)));
  await showLanguage(language);
}
