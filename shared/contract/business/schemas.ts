/**
 * The schemas of every business route, by route name: each handler validates with its
 * capability's entry and the OpenAPI document (./openapi.ts) is generated from all of them, so
 * the two cannot drift. shared/routes.test.ts checks this lists exactly the documented routes.
 */
import { businessCustomerSchemas } from './customers';
import { businessEstimateSchemas } from './estimates';
import { businessInvoiceSchemas } from './invoices';
import { businessJobSchemas } from './jobs';
import { businessFormSchemas } from './forms';
import { businessMediaSchemas } from './media';
import { businessMessageSchemas } from './messages';
import { businessSettingsSchemas } from './settings';
import { businessSlotSchemas } from './slots';
import { businessTrackingSchemas } from './tracking';
import { businessRequestSchemas } from './requests';
import { businessWebhookSchemas } from './webhooks';

export const businessSchemas = {
  ...businessSettingsSchemas,
  ...businessCustomerSchemas,
  ...businessJobSchemas,
  ...businessMediaSchemas,
  ...businessMessageSchemas,
  ...businessInvoiceSchemas,
  ...businessEstimateSchemas,
  ...businessSlotSchemas,
  ...businessTrackingSchemas,
  ...businessFormSchemas,
  ...businessWebhookSchemas,
  ...businessRequestSchemas,
} as const;

export type BusinessRouteName = keyof typeof businessSchemas;
