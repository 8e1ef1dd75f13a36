/**
 * The customer API: the signed-in customer's own profile. Their name, language and which notices
 * they want (`GET`/`PATCH /api/me`), and a change of email or phone, which only takes effect once
 * the new address has proved it is theirs (`POST /api/me/contact`, then `/confirm`).
 */
import * as v from 'valibot';
import { singleLineText } from '../text';
import { Email, Phone } from '../common';
import { languageSchema } from '../i18n/languages';
import type { MeResponse } from './portal';

/**
 * What a notice is about, as the customer chooses them. Sign-in links are never among them: they
 * are asked for. Notices about the account itself (an address or password changed) always go: they
 * are how a customer learns that someone else got in.
 */
export const NOTIFICATION_TOPICS = ['payments', 'documents', 'visits', 'messages'] as const;
export type NotificationTopic = (typeof NOTIFICATION_TOPICS)[number];

export const NOTICE_CHANNELS = ['email', 'sms'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

/** Per topic, per channel: on or off. */
export type NotificationChoices = Record<NotificationTopic, Record<NoticeChannel, boolean>>;

/** A customer who has chosen nothing gets every notice the business sends them. */
export const defaultNotificationChoices = (): NotificationChoices => ({
  payments: { email: true, sms: true },
  documents: { email: true, sms: true },
  visits: { email: true, sms: true },
  messages: { email: true, sms: true },
});

const ChannelChoices = v.strictObject({ email: v.optional(v.boolean()), sms: v.optional(v.boolean()) });

/** `PATCH /api/me`: any of the three; a topic or channel left out keeps its choice. */
export const PatchMeBody = v.pipe(
  v.strictObject({
    name: v.optional(singleLineText(200, 'name')),
    language: v.optional(v.nullable(languageSchema)),
    notifications: v.optional(v.strictObject(Object.fromEntries(NOTIFICATION_TOPICS.map((t) => [t, v.optional(ChannelChoices)])) as Record<NotificationTopic, v.OptionalSchema<typeof ChannelChoices, undefined>>)),
  }),
  v.check((body) => Object.keys(body).length > 0, 'must change at least one of name, language and notifications'),
);
export type PatchMeBody = v.InferOutput<typeof PatchMeBody>;

/**
 * `POST /api/me/contact`: the new email, or the new mobile number, never both; with the current
 * password when the customer has one and did not sign in by a link in the last 10 minutes.
 */
const CurrentPassword = v.optional(v.pipe(v.string('must be a string'), v.maxLength(1024, 'must be at most 1024 characters')));
export const ContactChangeBody = v.union(
  [v.strictObject({ email: Email, currentPassword: CurrentPassword }), v.strictObject({ phone: Phone, currentPassword: CurrentPassword })],
  'must name either an email or a phone, not both',
);
export type ContactChangeBody = v.InferOutput<typeof ContactChangeBody>;

/** A confirmation token from the emailed link's fragment (43 base64url characters). */
const ContactToken = v.pipe(v.string('must be a string'), v.regex(/^[A-Za-z0-9_-]{43}$/, 'must be the code from the link'));
/** The six digits texted to the new number. */
const ContactCode = v.pipe(v.string('must be a string'), v.trim(), v.regex(/^[0-9]{6}$/, 'must be the six digits we texted'));

/** `POST /api/me/contact/confirm`: the emailed link's token, or the texted code with the channel it went to. */
export const ConfirmContactBody = v.union([v.strictObject({ token: ContactToken }), v.strictObject({ code: ContactCode })], 'must carry either the link\'s token or the texted code');
export type ConfirmContactBody = v.InferOutput<typeof ConfirmContactBody>;

/** A change of address waiting for its confirmation. */
export interface PendingContactView {
  channel: NoticeChannel;
  /** The new address, masked as every shown address is. */
  to: string;
  expiresAt: string;
}

/** The customer's own settings, beside what `GET /api/session` says of them. */
export interface AccountView {
  notifications: NotificationChoices;
  /** Their phone replied STOP: no texts of any kind go to it until it replies START. */
  textsStopped: boolean;
  /** Changes of email or phone waiting for their confirmation. */
  pendingContacts: PendingContactView[];
}

/** `GET /api/me`, and the answer of every write to the profile. */
export interface ProfileResponse extends MeResponse {
  account: AccountView;
}

/** `POST /api/me/contact`'s answer (202): where the link or code went, and until when it works. */
export interface ContactChangeStarted {
  pending: PendingContactView;
}

/** What each route of this capability validates, by route name (shared/routes/). */
export const customerProfileSchemas = {
  getMe: {},
  patchMe: { body: PatchMeBody },
  requestContactChange: { body: ContactChangeBody },
  confirmContactChange: { body: ConfirmContactBody },
} as const;
