/**
 * The stores a follow-up step may use (shared/followups/step-deps.ts): named by the handlers that
 * run steps (`stores: stepStores`), so only their bundles carry all ten.
 */
import { DynamoCheckoutStore } from '../../shared/data/checkout-store';
import { DynamoDirectoryStore } from '../../shared/data/directory-store';
import { DynamoEstimateStore } from '../../shared/data/estimate-store';
import { DynamoFollowUpStore } from '../../shared/data/follow-up-store';
import { DynamoInvoiceStore } from '../../shared/data/invoice-store';
import { DynamoJobDocumentStore } from '../../shared/data/job-document-store';
import { DynamoJobStore } from '../../shared/data/job-store';
import { DynamoObjectLinkStore } from '../../shared/data/object-link-store';
import { DynamoTrackingStore } from '../../shared/data/tracking-store';

export const stepStores = {
  invoices: DynamoInvoiceStore,
  jobs: DynamoJobStore,
  jobDocuments: DynamoJobDocumentStore,
  estimates: DynamoEstimateStore,
  slots: DynamoEstimateStore,
  checkouts: DynamoCheckoutStore,
  directory: DynamoDirectoryStore,
  links: DynamoObjectLinkStore,
  tracking: DynamoTrackingStore,
  followUps: DynamoFollowUpStore,
} as const;
