import type { AuthResolver } from '../auth';

/** Anyone: no proof asked. */
export const publicAuth: AuthResolver<'public'> = {
  kind: 'public',
  prepare: () => async () => null,
};
