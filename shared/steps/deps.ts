/**
 * Everything a follow-up step may use: the union of what each capability's steps declare they use
 * (its own deps type, beside its steps), so these deps run any of them. The re-driver has it all; a
 * request has what its route grants. This composition sits above the capabilities: nothing in a
 * capability imports it (docs/architecture.md).
 */
import type { CheckoutStore, PaymentGateway } from '../payments/port';
import type { Clock, MessageQueue } from '../kernel/types';
import type { DirectoryStore } from '../directory/port';
import type { EstimateStore, SlotStore } from '../estimates/port';
import type { InvoiceStore, JobInvoiceList } from '../invoices/port';
import type { JobDocumentPointers, JobStore } from '../jobs/port';
import type { NotificationJob } from '../notifications/port';
import type { ObjectLinkStore } from '../links/port';
import type { TrackingStore } from '../tracking/port';
import type { WebhookJob } from '../events/model';
import type { FollowUpStore } from '../followups/port';
import type { SessionStore } from '../auth/port';
import type { FormStore } from '../forms/port';
import type { ConfirmFiles } from '../forms/submit';

export interface StepDeps {
  invoices: InvoiceStore;
  jobs: JobStore;
  jobDocuments: JobDocumentPointers & JobInvoiceList;
  estimates: EstimateStore;
  slots: SlotStore;
  checkouts: CheckoutStore;
  directory: DirectoryStore;
  links: ObjectLinkStore;
  tracking: TrackingStore;
  followUps: FollowUpStore;
  /** The customer's sessions (a password change ends every other one). */
  sessions: SessionStore;
  /** Forms: a submission marks its sent form submitted. */
  forms: FormStore;
  clock: Clock;
  /**
   * Adapters a request may not have: a step that needs one its request was not granted throws
   * `NotHere` (shared/followups/need.ts), and stays owed for the re-driver, which has them all.
   */
  webhooks?: MessageQueue<WebhookJob> | undefined;
  notifications?: MessageQueue<NotificationJob> | undefined;
  payments?: PaymentGateway | undefined;
  /** A form submission's file claims confirmed (the uploads' store: only where a function has it). */
  confirmFiles?: ConfirmFiles | undefined;
}

type Adapters = 'webhooks' | 'notifications' | 'payments' | 'confirmFiles';
type StepStores = Omit<StepDeps, 'clock' | Adapters>;

/** The step deps from a set of stores (the composition roots' `stores` fit), a clock and the adapters at hand. */
export function stepDepsFrom(stores: StepStores, clock: Clock, adapters: Pick<StepDeps, Adapters> = {}): StepDeps {
  const { invoices, jobs, jobDocuments, estimates, slots, checkouts, directory, links, tracking, followUps, sessions, forms } = stores;
  return { invoices, jobs, jobDocuments, estimates, slots, checkouts, directory, links, tracking, followUps, sessions, forms, clock, ...adapters };
}
