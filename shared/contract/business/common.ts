/**
 * The business API's building blocks: the business's own ids, instants, amounts and currencies,
 * priced lines, addresses, windows, list paging and responses. Strict objects throughout: an
 * unknown field is a 400, not silently dropped.
 *
 * Money is integer minor units with an ISO 4217 currency, every amount and total at most
 * `maxAmount` (security.md rule 54); instants are ISO-8601 UTC.
 */
import * as v from 'valibot';
import { cursorParam, Email, limitParam, Phone } from '../common';
import { maxAmount } from '../money';
import { singleLineText as text, wellFormed } from '../text';
import { lineWithinCeiling, type PricedLine } from '../totals';

/** The business's own ids for its records (customers, jobs): letters, digits, `_` and `-`. */
export const ExternalId = v.pipe(v.string('must be a string'), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, "_" or "-"'));

/** ISO-8601 UTC (`2026-11-21T15:00:00Z`), normalised to milliseconds. */
export const Instant = v.pipe(
  v.string('must be a string'),
  v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, 'must be an ISO-8601 UTC time like 2026-11-21T15:00:00Z'),
  v.check((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().slice(0, 19) === s.slice(0, 19), 'is not a real date and time'),
  v.transform((s) => new Date(s).toISOString()),
);

export const Amount = v.pipe(v.number('must be a number'), v.integer('must be a whole number of minor units (cents)'), v.minValue(0, 'must not be negative'), v.maxValue(maxAmount, `must be at most ${maxAmount} minor units`));
export const Currency = v.pipe(v.string('must be a string'), v.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like USD'));
export const HttpsUrl = v.pipe(v.string('must be a string'), wellFormed(), v.maxLength(2000), v.url('must be a URL'), v.startsWith('https://', 'must be an https URL'));
export const NullableEmail = v.nullable(Email);
export const NullablePhone = v.nullable(Phone);

export const AddressBody = v.strictObject({
  line1: text(200),
  line2: v.optional(v.nullable(text(200)), null),
  city: text(100),
  region: text(100),
  postalCode: text(20),
  country: v.pipe(v.string('must be a string'), v.regex(/^[A-Z]{2}$/, 'must be an ISO 3166 country code like US')),
});

export const Quantity = v.pipe(v.number('must be a number'), v.minValue(0.001, 'must be more than 0'), v.maxValue(1_000_000, 'must be at most 1000000'), v.check((q) => Math.round(q * 1000) === q * 1000, 'must have at most 3 decimals'));

/**
 * Rule 54, on what the server computes from the fields: a line's quantity × unitAmount, and the
 * total its lines and tax come to. Each field within its bounds can still multiply or add past
 * the ceiling, and past it sums stop being exact.
 */
export const lineWithinMax = <T extends PricedLine>() =>
  v.check<T, string>(lineWithinCeiling, `quantity × unitAmount must come to at most ${maxAmount} minor units`);
/** The lines (or charges) with the tax, named on the list as no single field is too large. */
export const totalWithinMax = `with taxAmount, must come to at most ${maxAmount} minor units`;
/** Whether lines and tax add up within the ceiling; a part out of bounds itself is named on its own field instead, and passes here. */
export const sumWithinCeiling = (lines: PricedLine[], taxAmount: number, total: () => number): boolean =>
  !(lines.every(lineWithinCeiling) && taxAmount <= maxAmount) || total() <= maxAmount;

/** A line of an invoice or of an estimate's option. */
export const InvoiceLine = v.pipe(
  v.strictObject({
    description: text(300),
    quantity: Quantity,
    unitAmount: Amount,
  }),
  lineWithinMax(),
);

export const Window = v.pipe(
  v.strictObject({ start: Instant, end: Instant }),
  v.check((w) => w.start <= w.end, 'must not end before it starts'),
);

/** A point in degrees (WGS 84): latitude -90..90, longitude -180..180. */
export const LatLngBody = v.strictObject({
  lat: v.pipe(v.number('must be a number'), v.minValue(-90, 'must be a latitude from -90 to 90'), v.maxValue(90, 'must be a latitude from -90 to 90')),
  lng: v.pipe(v.number('must be a number'), v.minValue(-180, 'must be a longitude from -180 to 180'), v.maxValue(180, 'must be a longitude from -180 to 180')),
});

/** How to reach the customer with a link (an invitation, a pay link, an estimate, "on my way"). */
export const InviteBody = v.strictObject({ channel: v.picklist(['email', 'sms'], 'must be "email" or "sms"') });

const cursor = cursorParam(1024);
const limit = limitParam(100, 50);
export const ChangesListQuery = v.strictObject({ updatedSince: v.optional(Instant), cursor, limit });
export const PageQuery = v.strictObject({ cursor, limit });

export interface ListResponse<T> {
  items: T[];
  hasMore: boolean;
  /** Opaque; pass back as `cursor` for the next page. */
  nextCursor: string | null;
}
