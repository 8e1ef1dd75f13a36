/**
 * Compiles a catalog's ICU messages into Lingui's compact form (["Pay ", ["amount"]]) ahead of
 * use: the browser gets compiled catalogs from the build (the ICU parser would cost ~7 KB gzip of
 * first-load JavaScript), the server compiles once per language when it first needs one.
 * Not for the browser bundle.
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
