/** The business API: jobs, their notes and their attachments. */
import * as v from 'valibot';
import { fileNameText, multilineText, singleLineText as text } from '../text';
import { jobTotals, noJobMoney } from '../totals';
import {
  AddressBody, Amount, ChangesListQuery, Currency, ExternalId, Instant, LatLngBody, lineWithinMax, NullableEmail, NullablePhone, Quantity, sumWithinCeiling, totalWithinMax, Window,
} from './common';

const ChargeLine = v.pipe(
  v.strictObject({
    id: ExternalId,
    description: text(300),
    quantity: Quantity,
    unitAmount: Amount,
  }),
  lineWithinMax(),
);

export const PutJobBody = v.pipe(
  v.strictObject({
    customerId: ExternalId,
    number: text(40, 'number'),
    title: text(200, 'title'),
    status: v.picklist(['scheduled', 'in_progress', 'completed', 'cancelled'], 'must be one of scheduled, in_progress, completed, cancelled'),
    scheduledStart: Instant,
    scheduledEnd: Instant,
    arrivalWindow: Window,
    scopeOfWork: v.optional(multilineText(10_000), ''),
    address: AddressBody,
    contact: v.strictObject({ name: text(200), phone: v.optional(NullablePhone, null), email: v.optional(NullableEmail, null) }),
    technician: v.optional(v.nullable(v.strictObject({ name: text(200) })), null),
    currency: Currency,
    charges: v.optional(v.pipe(v.array(ChargeLine, 'must be a list'), v.maxLength(200, 'must have at most 200 lines'), v.check((lines) => new Set(lines.map((l) => l.id)).size === lines.length, 'must not repeat a line id')), []),
    taxAmount: v.optional(Amount, 0),
    /** The service address's coordinates: where a tracked technician is heading. */
    location: v.optional(v.nullable(LatLngBody), null),
  }),
  v.forward(v.check((job) => job.scheduledStart <= job.scheduledEnd, 'must not be before scheduledStart'), ['scheduledEnd']),
  v.forward(v.check((job) => sumWithinCeiling(job.charges, job.taxAmount, () => jobTotals(job, noJobMoney).total.amount), totalWithinMax), ['charges']),
);
export type PutJobBody = v.InferOutput<typeof PutJobBody>;

export const PostNoteBody = v.strictObject({
  text: multilineText(5000, { required: true }),
  author: v.optional(text(100, 'author')),
  /** For importing history: when the note was written (never in the future). */
  at: v.optional(Instant),
});
export type PostNoteBody = v.InferOutput<typeof PostNoteBody>;

/** What an attachment may be: documents and pictures a customer's phone can open. */
export const attachmentTypes = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp', 'image/heic', 'text/plain', 'text/csv'] as const;
export const maxAttachmentBytes = 25 * 1024 * 1024;

export const CreateAttachmentBody = v.strictObject({
  /** Refused, not cleaned (rule 60): see `fileNameText`. */
  fileName: fileNameText(),
  contentType: v.picklist(attachmentTypes, `must be one of ${attachmentTypes.join(', ')}`),
  sizeBytes: v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1'), v.maxValue(maxAttachmentBytes, `must be at most ${maxAttachmentBytes} bytes (25 MB)`)),
});
export type CreateAttachmentBody = v.InferOutput<typeof CreateAttachmentBody>;

export const JobPath = v.strictObject({ jobId: ExternalId });
export const AttachmentPath = v.strictObject({ jobId: ExternalId, attachmentId: v.pipe(v.string(), v.regex(/^att_[A-Za-z0-9]{22}$/, 'must be an attachment id')) });

/** What each route of this capability validates, by route name (shared/routes/). */
export const businessJobSchemas = {
  putJob: { path: JobPath, body: PutJobBody },
  getBusinessJob: { path: JobPath },
  listBusinessJobs: { query: ChangesListQuery },
  postNote: { path: JobPath, body: PostNoteBody },
  createAttachment: { path: JobPath, body: CreateAttachmentBody },
  completeAttachment: { path: AttachmentPath },
} as const;
