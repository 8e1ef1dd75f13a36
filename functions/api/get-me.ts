import { getMe } from '../../shared/portal/get-me';
import { httpRoute } from '../http/http-route';

export const handler = httpRoute({ auth: 'session' }, async ({ session, runtime }) => ({
  status: 200,
  body: await getMe(session, runtime),
}));
