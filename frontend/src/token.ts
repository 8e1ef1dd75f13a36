/**
 * A link's token travels in the URL fragment (`/acme/link#token=…` to sign in, `/acme/pay#token=…`
 * to pay one invoice): browsers never send a fragment to a server, so it stays out of access logs
 * and Referer headers.
 */
import { is } from 'valibot';
import { SignInToken } from '../../shared/contract/customer/auth';

/** The token from `#token=…`, or null when it is missing or not a well-formed token. */
export function readToken(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token !== null && is(SignInToken, token) ? token : null;
}

/** The page at `path` with the token in its fragment: how one link page hands a link to another. */
export function withToken(path: string, token: string): string {
  return `${path}#${new URLSearchParams({ token })}`;
}
