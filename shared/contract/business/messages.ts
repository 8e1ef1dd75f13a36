/** The business API: writing to a customer about a job, and reading the conversation. */
import * as v from 'valibot';
import { multilineText, singleLineText as text } from '../text';
import { Instant, PageQuery } from './common';
import { JobPath } from './jobs';

export const PostBusinessMessageBody = v.strictObject({
  text: multilineText(5000, { required: true }),
  author: v.optional(text(100, 'author')),
  /** Tell the customer by email or text, with a link to the job; default: their email, else their phone. */
  notify: v.optional(v.picklist(['email', 'sms', 'none'], 'must be email, sms or none')),
  at: v.optional(Instant),
});
export type PostBusinessMessageBody = v.InferOutput<typeof PostBusinessMessageBody>;

/** What each route of this capability validates, by route name (shared/routes/). */
export const businessMessageSchemas = {
  postBusinessMessage: { path: JobPath, body: PostBusinessMessageBody },
  listBusinessMessages: { path: JobPath, query: PageQuery },
} as const;
