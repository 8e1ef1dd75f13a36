/**
 * What both APIs share on the wire: email and phone, the value shapes every view repeats
 * (an address, a time window), and the paging parameters and pages of a list.
 *
 * Conventions: money is integer minor units with an ISO-4217 currency code (./money.ts);
 * instants are ISO-8601 UTC strings, shown in the business's time zone.
 */
import * as v from 'valibot';

export const Email = v.pipe(
  v.string('must be a string'),
  v.trim(),
  v.maxLength(254, 'must be at most 254 characters'),
  v.email('must be an email address'),
  v.toLowerCase(),
);

/** Mobile numbers in E.164 (`+15555550123`); the form strips spaces, dashes and brackets first. */
export const Phone = v.pipe(
  v.string('must be a string'),
  v.regex(/^\+[1-9][0-9]{7,14}$/, 'must be a mobile number in international format, like +15555550123'),
);

/** An opaque cursor from a list's `nextCursor`: base64url, at most `maxChars`. */
export const cursorParam = (maxChars: number) =>
  v.optional(v.pipe(v.string(), v.maxLength(maxChars, 'is not a valid cursor'), v.regex(/^[A-Za-z0-9_-]+$/, 'is not a valid cursor')));

/** A page size in the query string: a whole number from 1 to `max`, `byDefault` when absent. */
export const limitParam = (max: number, byDefault: number) =>
  v.optional(
    v.pipe(
      v.string(),
      v.regex(/^[0-9]{1,3}$/, `must be a whole number from 1 to ${max}`),
      v.transform(Number),
      v.minValue(1, 'must be at least 1'),
      v.maxValue(max, `must be at most ${max}`),
    ),
    String(byDefault),
  );

/** A page of a list, in the order the list names (a job's sections: newest first). */
export interface Page<T> {
  items: T[];
  /** Opaque; pass back as `cursor` for the next page. `null` on the last page. */
  nextCursor: string | null;
}

export interface TimeWindow {
  start: string;
  end: string;
}

export interface Address {
  line1: string;
  line2: string | null;
  city: string;
  region: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}
