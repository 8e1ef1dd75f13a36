import type { Contact } from '../directory/model';
import type { ObjectLinkKind } from '../contract/customer/account';

/** What the notification queue carries. The consumer does the slow part, off the request path. */
export type NotificationJob =
  | {
      kind: 'sign-in-link';
      /** Unique per request: lets the consumer recognise a redelivery. */
      requestId: string;
      /** The portal the person asked at; resolved to the business by the consumer. */
      slug: string;
      contact: Contact;
      /** The page of the portal to land on after signing in (`jobs/job_1`, rule 67); absent: the job list. */
      returnPage?: string;
      requestedAt: string;
    }
  | {
      /** The business invited a customer (`POST customers/{id}/invite`). */
      kind: 'invite';
      requestId: string;
      businessId: string;
      customerId: string;
      channel: Contact['channel'];
      requestedAt: string;
    }
  | {
      /** The business wrote to the customer about a job: tell them, with a link to it. */
      kind: 'job-message';
      businessId: string;
      jobId: string;
      messageId: string;
      messageAt: string;
      channel: Contact['channel'];
    }
  | {
      /**
       * The business sent an invoice or an estimate, or started tracking a visit: mint a link that
       * opens it and send it (`POST invoices|estimates/{id}/send`, `POST jobs/{id}/tracking`).
       * For tracking, the request id is the visit's id: starting the visit again sends nothing twice.
       */
      kind: 'object-link';
      object: ObjectLinkKind;
      /**
       * An estimate link sent to confirm what the customer did (shared/estimates/confirmations.ts):
       * the approval (with its signed PDF) or the booked visit. The request id is the decision's or booking's.
       */
      confirms?: 'approval' | 'booking';
      requestId: string;
      businessId: string;
      objectId: string;
      channel: Contact['channel'];
      requestedAt: string;
    }
  | {
      /**
       * The customer asked to change their email or phone (`POST /api/me/contact`): mint the link
       * (email) or code (text) that confirms it and send it to the new address.
       */
      kind: 'contact-confirm';
      businessId: string;
      customerId: string;
      channel: Contact['channel'];
      changeId: string;
    }
  | {
      /** The customer's email or phone changed: tell the old address, once, in case it was not them. */
      kind: 'contact-changed';
      businessId: string;
      customerId: string;
      changeId: string;
      channel: Contact['channel'];
      /** The address it was: the notice goes there. */
      from: string;
      to: string;
      changedAt: string;
    }
  | {
      /** The customer's password was set, changed or removed: tell them, once, in case it was not them. */
      kind: 'password-changed';
      businessId: string;
      customerId: string;
      change: 'set' | 'changed' | 'removed';
      changedAt: string;
    }
  | {
      /** A webhook endpoint was disabled after failing for its whole retry schedule: tell the business. */
      kind: 'webhook-endpoint-disabled';
      businessId: string;
      endpointId: string;
      disabledAt: string;
    }
  | {
      /** A checkout was paid (`receipt`) or its bank payment failed: tell the customer, once. */
      kind: 'receipt' | 'payment-failed';
      businessId: string;
      checkoutId: string;
      requestedAt: string;
    }
  | {
      /** Someone asked for work on the business's website: mint the link that confirms their email and send it. */
      kind: 'request-confirm';
      businessId: string;
      requestId: string;
    }
  | {
      /** The business scheduled or declined a service request: tell whoever asked, once. */
      kind: 'request-decided';
      businessId: string;
      requestId: string;
    }
  | {
      /** A duplicate payment's excess on an invoice was refunded: tell the customer, once. */
      kind: 'duplicate-refund';
      businessId: string;
      checkoutId: string;
      invoiceId: string;
      amount: number;
      requestedAt: string;
    };

export interface OutgoingMessage {
  channel: 'email' | 'sms';
  to: string;
  subject?: string;
  text: string;
  /** Email only: files sent with it (a booked visit's calendar file). */
  attachments?: Attachment[];
}

/** A small text file sent with an email. */
export interface Attachment {
  filename: string;
  /** With its charset and, for a calendar, `method=PUBLISH`. */
  contentType: string;
  content: string;
}

export interface Notifier {
  send(message: OutgoingMessage): Promise<void>;
}

/** Numbers that replied STOP to our texts (and have not replied START since). */
export interface TextOptOutStore {
  isStopped(phone: string): Promise<boolean>;
  /** Records a STOP (`stopped`) or START received at `repliedAt`; false when a later reply is already recorded. */
  recordReply(phone: string, stopped: boolean, repliedAt: string, now: string): Promise<boolean>;
}
