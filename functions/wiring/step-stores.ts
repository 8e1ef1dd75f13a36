/**
 * The stores a follow-up step may use (shared/steps/deps.ts): named by the handlers that
 * run steps (`stores: stepStores`), so only their bundles carry all twelve.
 */
import { DynamoCheckoutStore } from '../../shared/payments/store';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoEstimateStore } from '../../shared/estimates/store';
import { DynamoStepFollowUpStore } from '../../shared/steps/follow-up-store';
import { DynamoInvoiceStore } from '../../shared/invoices/store';
import { DynamoJobDocumentStore } from '../../shared/job-pages/document-store';
import { DynamoJobStore } from '../../shared/jobs/store';
import { DynamoObjectLinkStore } from '../../shared/links/store';
import { DynamoTrackingStore } from '../../shared/tracking/store';
import { DynamoAuthStore } from '../../shared/auth/store';
import { DynamoFormStore } from '../../shared/forms/store';

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
  followUps: DynamoStepFollowUpStore,
  sessions: DynamoAuthStore,
  forms: DynamoFormStore,
} as const;
