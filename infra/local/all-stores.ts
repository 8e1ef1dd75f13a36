import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ApiBudgetStore, ApiKeyStore, IdempotencyStore, WebhookDeliveryStore, WebhookEndpointStore } from '../../shared/business-api/port';
import type { EstimateStore, SlotStore } from '../../shared/estimates/port';
import { DynamoAuthStore } from '../../shared/auth/store';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoInvoiceStore } from '../../shared/invoices/store';
import { DynamoCheckoutStore } from '../../shared/payments/store';
import { DynamoJobStore } from '../../shared/jobs/store';
import { DynamoEstimateStore } from '../../shared/estimates/store';
import { DynamoObjectLinkStore } from '../../shared/links/store';
import { DynamoJobDocumentStore } from '../../shared/job-pages/document-store';
import { DynamoTrackingStore } from '../../shared/tracking/store';
import { DynamoStepFollowUpStore } from '../../shared/steps/follow-up-store';
import { DynamoWebhookDeliveryStore } from '../../shared/business-api/delivery-store';
import { DynamoUnreadStore } from '../../shared/messages/unread-store';
import { DynamoTextOptOutStore } from '../../shared/notifications/opt-out-store';
import { DynamoNoticeClaimStore } from '../../shared/notifications/notice-claim-store';
import { DynamoProfileStore } from '../../shared/directory/profile-store';
import { DynamoPasswordStore } from '../../shared/auth/password/store';
import { DynamoMediaStore } from '../../shared/media/store';
import { DynamoFormStore } from '../../shared/forms/store';
import { DynamoUploadStore } from '../../shared/uploads/store';
import { DynamoRequestStore } from '../../shared/requests/store';

/**
 * All the table-backed ports, over one DocumentClient and one table: for the composition roots
 * that use every store (the local stack's seeding and tests, the admin tool). A function never
 * uses this: its handler names the stores it uses (functions/wiring/stores.ts), so its bundle
 * holds those alone.
 */
export function createDynamoStores(doc: DynamoDBDocumentClient, tableName: string) {
  const businessApi = new DynamoBusinessApiStore(doc, tableName);
  const apiKeys: ApiKeyStore = businessApi;
  const apiBudgets: ApiBudgetStore = businessApi;
  const idempotency: IdempotencyStore = businessApi;
  const webhooks: WebhookEndpointStore = businessApi;
  const invoices = new DynamoInvoiceStore(doc, tableName);
  const estimateStore = new DynamoEstimateStore(doc, tableName);
  const estimates: EstimateStore = estimateStore;
  const slots: SlotStore = estimateStore;
  return {
    directory: new DynamoDirectoryStore(doc, tableName),
    auth: new DynamoAuthStore(doc, tableName),
    sessions: new DynamoAuthStore(doc, tableName),
    jobs: new DynamoJobStore(doc, tableName),
    unread: new DynamoUnreadStore(doc, tableName),
    optOuts: new DynamoTextOptOutStore(doc, tableName),
    profiles: new DynamoProfileStore(doc, tableName),
    passwords: new DynamoPasswordStore(doc, tableName),
    noticeClaims: new DynamoNoticeClaimStore(doc, tableName),
    invoices,
    links: new DynamoObjectLinkStore(doc, tableName),
    jobDocuments: new DynamoJobDocumentStore(doc, tableName),
    estimates,
    slots,
    forms: new DynamoFormStore(doc, tableName),
    checkouts: new DynamoCheckoutStore(doc, tableName),
    tracking: new DynamoTrackingStore(doc, tableName),
    media: new DynamoMediaStore(doc, tableName),
    uploads: new DynamoUploadStore(doc, tableName),
    requests: new DynamoRequestStore(doc, tableName),
    apiKeys,
    apiBudgets,
    idempotency,
    webhooks,
    followUps: new DynamoStepFollowUpStore(doc, tableName),
    webhookDeliveries: new DynamoWebhookDeliveryStore(doc, tableName) as WebhookDeliveryStore,
  };
}

export type Stores = ReturnType<typeof createDynamoStores>;
