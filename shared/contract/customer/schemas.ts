/**
 * The schemas of every customer route, by route name: each handler validates with its
 * capability's entry and the OpenAPI document (./openapi.ts) is generated from all of them, so
 * the two cannot drift. functions/api/openapi.test.ts checks this lists every customer route.
 */
import { customerAccountSchemas } from './account';
import { customerFormSchemas } from './forms';
import { customerHomeSchemas } from './home';
import { customerAuthSchemas } from './auth';
import { customerEstimateSchemas } from './estimates';
import { customerInvoiceSchemas } from './invoices';
import { customerJobSchemas } from './jobs';
import { customerLinkSchemas } from './links';
import { customerMessageSchemas } from './messages';
import { customerPaymentSchemas } from './payments';
import { customerPortalSchemas } from './portal';
import { customerProfileSchemas } from './profile';
import { customerPasswordSchemas } from './password';
import { customerTrackingSchemas } from './tracking';
import { customerUploadSchemas } from './uploads';
import { customerRequestSchemas } from './requests';

export const customerSchemas = {
  /** Liveness: no input. */
  health: {},
  ...customerPortalSchemas,
  ...customerAccountSchemas,
  ...customerProfileSchemas,
  ...customerPasswordSchemas,
  ...customerHomeSchemas,
  ...customerAuthSchemas,
  ...customerLinkSchemas,
  ...customerJobSchemas,
  ...customerMessageSchemas,
  ...customerInvoiceSchemas,
  ...customerPaymentSchemas,
  ...customerEstimateSchemas,
  ...customerTrackingSchemas,
  ...customerFormSchemas,
  ...customerUploadSchemas,
  ...customerRequestSchemas,
} as const;

export type CustomerRouteName = keyof typeof customerSchemas;
