import { businessSettingsSchemas } from '../../shared/contract/business/settings';
import { stripePayments } from '../../shared/adapters/aws/factories/payments';
import { startOnboarding } from '../../shared/payments/onboarding';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';

/** Connects the business to Stripe: its connected account (made once) and a fresh onboarding link. */
export const handler = httpRoute(businessRoute('startStripeOnboarding'), { auth: apiKeyAuth, stores: { directory: DynamoDirectoryStore, idempotency: DynamoBusinessApiStore }, ...businessSettingsSchemas.startStripeOnboarding, aws: { payments: stripePayments } }, async ({ caller, body, deps }) => ({
  status: 201,
  body: await startOnboarding(caller.businessId, body, { directory: deps.stores.directory, payments: deps.payments, clock: deps.clock }),
}));
