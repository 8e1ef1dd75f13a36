/**
 * A request found the session over (401): the customer kept for this tab is forgotten and this
 * portal's sign-in page replaces the page. Pages and hooks say when; the effect does it once.
 */
import { useEffect } from 'preact/hooks';
import { navigate, paths } from './router';
import { forgetMe } from './session';

export function useSignInWhenSignedOut(slug: string, signedOut: boolean): void {
  useEffect(() => {
    if (signedOut) {
      forgetMe();
      navigate(paths.signIn(slug, location.pathname), { replace: true });
    }
  }, [signedOut]);
}
