/**
 * Compiles a catalog's ICU messages into Lingui's compact form (["Pay ", ["amount"]]) ahead of
 * use: the browser gets compiled catalogs from the build (the ICU parser would cost ~7 KB gzip of
 * first-load JavaScript), the server's functions get theirs compiled ahead and committed
 * (shared/i18n/compiled-catalogs.ts: the parser would cost each cold start 11 KB of bundle).
 * Build steps and tests only: never a browser or function bundle.
 */
import { compileMessageOrThrow } from '@lingui/message-utils/compileMessage';
import type { Messages } from '@lingui/core';
import type { Catalog } from './catalog';

export function compileCatalog(catalog: Catalog): Messages {
  const compiled: Messages = {};
  for (const [key, message] of Object.entries(catalog)) {
    try {
      compiled[key] = compileMessageOrThrow(message);
    } catch (error) {
      throw new Error(`message "${key}" is not valid ICU: ${(error as Error).message}`);
    }
  }
  return compiled;
}
