/**
 * The customer API: service requests. A signed-in customer asks for work (`POST /api/requests`),
 * follows what became of it and may withdraw it while it is new; someone who is not a customer
 * yet asks from the business's website (`POST /api/portals/{slug}/requests`, no sign-in), and the
 * request is held until they confirm their email by the link it sends them.
 */
import * as v from 'valibot';
import { Email, Phone, cursorParam, limitParam, type Address, type Page, type TimeWindow } from '../common';
import { Slug } from '../slugs';
import { multilineText, singleLineText as text } from '../text';
import { AddressBody, ExternalId, Window } from '../business/common';
import { UploadRef, type UploadedFileView } from './uploads';
import { RequestId } from './request-id';

export const REQUEST_STATUSES = ['new', 'scheduled', 'declined', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_URGENCIES = ['routine', 'soon', 'urgent'] as const;
export type RequestUrgency = (typeof REQUEST_URGENCIES)[number];

/** What a request may carry: three preferred times, ten photos or videos. */
export const requestLimits = { windows: 3, files: 10, description: 4000 } as const;

/** One of the business's services (settings `requests.services`): what the form offers first. */
export interface ServiceView {
  id: string;
  name: string;
}

export { RequestId };
export const RequestPath = v.strictObject({ requestId: RequestId });

/** The fields both forms share: what, where, when, how urgent, and the photos. */
const requestFields = {
  /** One of the business's services, or null for "something else". */
  serviceId: v.nullable(ExternalId),
  description: multilineText(requestLimits.description, { required: true }),
  /** The preferred times (1–3), unless `asSoonAsPossible`. */
  windows: v.optional(v.pipe(v.array(Window, 'must be a list'), v.maxLength(requestLimits.windows, `must list at most ${requestLimits.windows} times`)), []),
  asSoonAsPossible: v.boolean('must be true or false'),
  urgency: v.picklist(REQUEST_URGENCIES, `must be one of ${REQUEST_URGENCIES.join(', ')}`),
  files: v.optional(
    v.pipe(
      v.array(UploadRef, 'must be a list'),
      v.maxLength(requestLimits.files, `must list at most ${requestLimits.files} files`),
      v.check((files) => new Set(files.map((f) => f.id)).size === files.length, 'must not repeat a file'),
    ),
    [],
  ),
};

/** Either as soon as possible, or one to three preferred times: never both, never neither. */
const whenMessage = 'must list one to three preferred times, or none when as soon as possible';
const whenFits = (body: { windows: unknown[]; asSoonAsPossible: boolean }) => (body.asSoonAsPossible ? body.windows.length === 0 : body.windows.length > 0);

/**
 * `POST /api/requests`: the address is one the customer already has with the business (named by
 * a job of theirs at it, `addressFromJobId`) or a new one (`address`), exactly one of the two.
 */
export const CreateRequestBody = v.pipe(
  v.strictObject({
    ...requestFields,
    addressFromJobId: v.optional(ExternalId),
    address: v.optional(AddressBody),
  }),
  v.forward(v.check((body) => whenFits(body), whenMessage), ['windows']),
  v.forward(v.check((body) => (body.addressFromJobId === undefined) !== (body.address === undefined), 'must be one of your addresses or a new one'), ['address']),
);
export type CreateRequestBody = v.InferOutput<typeof CreateRequestBody>;

/**
 * `POST /api/portals/{slug}/requests`, from the business's website: a new address, and who is
 * asking. `website` is a field people never see (a bot fills it in); `fillMs` is how long the
 * form was open before it was sent; `submissionKey`, kept by the page for its draft, makes a resend
 * name the same request. Neither `website` nor `fillMs` is refused here: a request that fails them is
 * answered like any other and dropped (docs/security.md rule 86).
 */
export const PublicRequestBody = v.pipe(
  v.strictObject({
    ...requestFields,
    address: AddressBody,
    contact: v.strictObject({ name: text(200), email: Email, phone: v.optional(v.nullable(Phone), null) }),
    website: v.optional(v.pipe(v.string('must be a string'), v.maxLength(500, 'must be at most 500 characters')), ''),
    fillMs: v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(0, 'must not be negative'), v.maxValue(7 * 24 * 3600_000, 'must be at most a week')),
    /** The page's draft's own random key: a resend of it names the same request (none: every send is a new one). */
    submissionKey: v.optional(v.pipe(v.string('must be a string'), v.regex(/^[A-Za-z0-9-]{16,64}$/, 'must be 16 to 64 letters, digits or dashes'))),
  }),
  v.forward(v.check((body) => whenFits(body), whenMessage), ['windows']),
);
export type PublicRequestBody = v.InferOutput<typeof PublicRequestBody>;

export const PublicRequestPath = v.strictObject({ slug: Slug });
export const ConfirmRequestPath = v.strictObject({ slug: Slug, requestId: RequestId });
/** The emailed link's token (from its fragment). */
export const ConfirmRequestBody = v.strictObject({ token: v.pipe(v.string('must be a string'), v.regex(/^[A-Za-z0-9_-]{43}$/, 'is not the link we sent')) });

export const RequestListQuery = v.strictObject({ cursor: cursorParam(512), limit: limitParam(50, 20) });

/** A request as its customer sees it. */
export interface RequestView {
  id: string;
  status: RequestStatus;
  /** null: "something else". */
  service: ServiceView | null;
  description: string;
  address: Address;
  asSoonAsPossible: boolean;
  windows: TimeWindow[];
  urgency: RequestUrgency;
  files: UploadedFileView[];
  /** When scheduled: the job it became (open it at `/jobs/{jobId}`). */
  jobId: string | null;
  /** When declined: the business's reason. */
  declineReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export type RequestSummary = Pick<RequestView, 'id' | 'status' | 'service' | 'description' | 'urgency' | 'jobId' | 'createdAt' | 'updatedAt'>;

/** An address the customer already has with the business, named by the newest job there. */
export interface KnownAddress {
  jobId: string;
  line: string;
}

/** `GET /api/requests`: newest first, and the addresses the form offers. */
export interface RequestList extends Page<RequestSummary> {
  addresses: KnownAddress[];
}

/** The public request's answer: the same whether it was kept or dropped (rule 86). */
export interface PublicRequestAccepted {
  status: 'accepted';
  /** Until when the emailed link confirms it. */
  confirmBy: string;
}

export interface PublicRequestConfirmed {
  status: 'confirmed';
  id: string;
}

export const customerRequestSchemas = {
  createRequest: { body: CreateRequestBody },
  listRequests: { query: RequestListQuery },
  getRequest: { path: RequestPath },
  withdrawRequest: { path: RequestPath },
  createPublicRequest: { path: PublicRequestPath, body: PublicRequestBody },
  confirmPublicRequest: { path: ConfirmRequestPath, body: ConfirmRequestBody },
} as const;
