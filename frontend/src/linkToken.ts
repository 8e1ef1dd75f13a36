/**
 * A pay link's or an estimate link's token on its page (`/{slug}/pay#token=…`,
 * `/{slug}/estimate#token=…`): on load it leaves the address bar (so it is in no history entry
 * or shared URL) and is kept for this tab (session.ts), because Stripe sends the customer back
 * without it. Both pages take it, and let go of a dead one, the same way.
 */
import type { ApiResult } from './api';
import { dropFragment } from './router';
import { forgetPayLink, keepPayLink, readPayLink } from './session';
import { readToken } from './token';

/** The token from the fragment (kept for this tab, and taken out of the address bar), else the one this tab kept. */
export function takeLinkToken(slug: string): string | null {
  if (!location.hash) return readPayLink(slug);
  const token = readToken(location.hash);
  dropFragment();
  if (token) keepPayLink(slug, token);
  return token;
}

/** An unknown, expired or withdrawn link is worth nothing: this tab stops keeping it. */
export function forgetIfDead<T>(result: ApiResult<T>): ApiResult<T> {
  if (!result.ok && (result.status === 404 || result.status === 410)) forgetPayLink();
  return result;
}
