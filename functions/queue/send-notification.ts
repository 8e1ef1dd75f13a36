/** The notification queue's consumer: sign-in links, invitations, job-message notices, invoice and estimate links and payment receipts go out here. */
import { inviteCustomer, issueSignInLink } from '../../shared/auth/issue-sign-in-link';
import { sesSnsNotifier } from '../../shared/adapters/aws/factories/notifier';
import { noticeOfMessage } from '../../shared/messages/notices';
import { sendCheckoutNotice } from '../../shared/paying/notices';
import { sendObjectLink } from '../../shared/link-sends/send-object-link';
import { noticeOfDisabledEndpoint } from '../../shared/business-api/webhook-notices';
import { consumerByName } from '../../shared/routes/background';
import { queueConsumer } from './consumer';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { NoticeInProgress, noticeClaimMs } from '../../shared/notifications/claims';
import type { NotificationJob } from '../../shared/notifications/port';
import type { DepsFor } from '../wiring/deps';
import { DynamoAuthStore } from '../../shared/auth/store';
import { DynamoCheckoutStore } from '../../shared/payments/store';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoEstimateStore } from '../../shared/estimates/store';
import { DynamoInvoiceStore } from '../../shared/invoices/store';
import { DynamoJobStore } from '../../shared/jobs/store';
import { DynamoObjectLinkStore } from '../../shared/links/store';
import { DynamoTrackingStore } from '../../shared/tracking/store';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';
import { DynamoTextOptOutStore } from '../../shared/notifications/opt-out-store';
import { DynamoNoticeClaimStore } from '../../shared/notifications/notice-claim-store';
import { DynamoProfileStore } from '../../shared/directory/profile-store';
import { DynamoFormStore } from '../../shared/forms/store';
import { noticeOfContactChange, sendContactConfirmation } from '../../shared/account/contact-change';
import { noticeOfPasswordChange } from '../../shared/auth/password/notice';
import { DynamoRequestStore } from '../../shared/requests/store';
import { sendRequestConfirmation } from '../../shared/requests/public';
import { noticeOfRequestAnswer } from '../../shared/requests/notices';

const consumer = consumerByName('sendNotification');
const stores = {
  auth: DynamoAuthStore,
  checkouts: DynamoCheckoutStore,
  directory: DynamoDirectoryStore,
  estimates: DynamoEstimateStore,
  forms: DynamoFormStore,
  invoices: DynamoInvoiceStore,
  jobs: DynamoJobStore,
  links: DynamoObjectLinkStore,
  tracking: DynamoTrackingStore,
  webhooks: DynamoBusinessApiStore,
  optOuts: DynamoTextOptOutStore,
  profiles: DynamoProfileStore,
  noticeClaims: DynamoNoticeClaimStore,
  requests: DynamoRequestStore,
};

/**
 * A notice another delivery holds a live claim on (it may be sending, or it crashed) comes back
 * once that claim has expired, as a delayed message: never dropped, never sent twice by us.
 */
export const handler = queueConsumer(consumer, { stores, aws: { notifier: sesSnsNotifier, queues: sqsQueues } }, async (job, deps) => {
  try {
    return await handle(job, deps);
  } catch (error) {
    if (!(error instanceof NoticeInProgress)) throw error;
    await deps.queues.notifications.send(job, { delaySeconds: Math.ceil(noticeClaimMs / 1000) });
    return { kind: job.kind, outcome: 'deferred' };
  }
});

async function handle(job: NotificationJob, deps: DepsFor<(typeof consumer)['access'], typeof stores>) {
  const linkDeps = {
    directory: deps.stores.directory,
    links: deps.stores.auth,
    optOuts: deps.stores.optOuts,
    notifier: deps.notifier,
    clock: deps.clock,
    random: deps.random,
    portalOrigin: deps.config.portalOrigin,
  };
  switch (job.kind) {
    case 'sign-in-link':
      return { kind: job.kind, requestId: job.requestId, channel: job.contact.channel, outcome: await issueSignInLink(job, linkDeps) };
    case 'invite':
      return { kind: job.kind, requestId: job.requestId, channel: job.channel, outcome: await inviteCustomer(job, linkDeps) };
    case 'job-message':
      return {
        kind: job.kind,
        jobId: job.jobId,
        channel: job.channel,
        outcome: await noticeOfMessage(job, { jobs: deps.stores.jobs, directory: deps.stores.directory, optOuts: deps.stores.optOuts, notifier: deps.notifier, clock: deps.clock, portalOrigin: deps.config.portalOrigin }),
      };
    case 'object-link':
      return {
        kind: job.kind,
        object: job.object,
        objectId: job.objectId,
        channel: job.channel,
        outcome: await sendObjectLink(job, { invoices: deps.stores.invoices, estimates: deps.stores.estimates, forms: deps.stores.forms, tracking: deps.stores.tracking, jobs: deps.stores.jobs, links: deps.stores.links, directory: deps.stores.directory, optOuts: deps.stores.optOuts, notifier: deps.notifier, clock: deps.clock, random: deps.random, portalOrigin: deps.config.portalOrigin }),
      };
    case 'receipt':
    case 'payment-failed':
    case 'duplicate-refund':
      return {
        kind: job.kind,
        businessId: job.businessId,
        outcome: await sendCheckoutNotice(job, { checkouts: deps.stores.checkouts, directory: deps.stores.directory, links: deps.stores.links, optOuts: deps.stores.optOuts, notifier: deps.notifier, clock: deps.clock, random: deps.random, portalOrigin: deps.config.portalOrigin }),
      };
    case 'contact-confirm':
      return {
        kind: job.kind,
        channel: job.channel,
        outcome: await sendContactConfirmation(job, { directory: deps.stores.directory, profiles: deps.stores.profiles, optOuts: deps.stores.optOuts, notifier: deps.notifier, clock: deps.clock, random: deps.random, portalOrigin: deps.config.portalOrigin }),
      };
    case 'contact-changed':
      return {
        kind: job.kind,
        channel: job.channel,
        outcome: await noticeOfContactChange(job, { directory: deps.stores.directory, optOuts: deps.stores.optOuts, notifier: deps.notifier, claims: deps.stores.noticeClaims, clock: deps.clock }),
      };
    case 'password-changed':
      return {
        kind: job.kind,
        change: job.change,
        outcome: await noticeOfPasswordChange(job, { directory: deps.stores.directory, optOuts: deps.stores.optOuts, notifier: deps.notifier, claims: deps.stores.noticeClaims, clock: deps.clock }),
      };
    case 'request-confirm':
      return {
        kind: job.kind,
        businessId: job.businessId,
        outcome: await sendRequestConfirmation(job, { requests: deps.stores.requests, directory: deps.stores.directory, notifier: deps.notifier, clock: deps.clock, random: deps.random, portalOrigin: deps.config.portalOrigin }),
      };
    case 'request-decided':
      return {
        kind: job.kind,
        businessId: job.businessId,
        outcome: await noticeOfRequestAnswer(job, { requests: deps.stores.requests, directory: deps.stores.directory, jobs: deps.stores.jobs, optOuts: deps.stores.optOuts, notifier: deps.notifier, clock: deps.clock, portalOrigin: deps.config.portalOrigin }),
      };
    case 'webhook-endpoint-disabled':
      return {
        kind: job.kind,
        businessId: job.businessId,
        endpointId: job.endpointId,
        outcome: await noticeOfDisabledEndpoint(job, { directory: deps.stores.directory, endpoints: deps.stores.webhooks, notifier: deps.notifier }),
      };
  }
}
