/** A service request's id (`req_…`): apart from ./requests.ts, so the portal's router carries only this. */
import * as v from 'valibot';

export const RequestId = v.pipe(v.string('must be a string'), v.regex(/^req_[A-Za-z0-9]{22}$/, 'must be a request id'));
