/** The customer API: messages on a job. The customer answers with `POST /api/jobs/{jobId}/messages`. */
import * as v from 'valibot';
import { multilineText } from '../text';
import { JobPath } from './jobs';

export const PostMessageRequest = v.strictObject({
  text: multilineText(5000, { required: true }),
});
export type PostMessageRequest = v.InferOutput<typeof PostMessageRequest>;

/** What each route of this capability validates, by route name (shared/routes/). */
export const customerMessageSchemas = {
  postCustomerMessage: { path: JobPath, body: PostMessageRequest },
} as const;
