/**
 * The sign-in token travels in the URL fragment (`/acme/link#token=…`): browsers never send a
 * fragment to a server, so it stays out of access logs and Referer headers.
 */
import { is } from 'valibot';
import { SignInToken } from '../../shared/api/contract';

/** The token from `#token=…`, or null when it is missing or not a well-formed token. */
export function readToken(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token !== null && is(SignInToken, token) ? token : null;
}
