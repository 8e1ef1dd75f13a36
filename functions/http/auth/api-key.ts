import { authenticateApiKey } from '../../../shared/business-api/api-keys';
import { DynamoBusinessApiStore } from '../../../shared/business-api/store';
import type { AuthResolver } from '../auth';

const readOnly = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A business's `Authorization: Bearer <key>`: reads need a read scope, anything else a write scope. */
export const apiKeyAuth: AuthResolver<'apiKey'> = {
  kind: 'apiKey',
  prepare: ({ storeOf, clock }) => {
    const apiKeys = storeOf(DynamoBusinessApiStore);
    return async ({ event }) => {
      const needs = readOnly.has(event.requestContext.http.method.toUpperCase()) ? 'read' : 'write';
      return authenticateApiKey(event.headers?.authorization, needs, { apiKeys, clock });
    };
  },
};
