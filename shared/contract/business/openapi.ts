/**
 * The business API's OpenAPI 3.1 document, generated from the route rows (which routes, their
 * summaries) and the valibot schemas the handlers validate with (`businessSchemas`), so the
 * document and the code cannot drift. Served at `GET /api/business/v1/openapi.json`.
 */
import { problem, problemSchema, requestOf, success, type DocumentedRoute, type RouteSchemas } from '../openapi';
import { maxAttachmentBytes } from './jobs';
import { businessSchemas, type BusinessRouteName } from './schemas';
import { webhookEventTypes } from './webhooks';
import { defaultApiLimits, positionRouteNames } from './settings';

/** A business route row: those with `openApi` are in the document. */
export interface BusinessDocumentedRoute extends DocumentedRoute {
  readonly openApi?: { readonly summary: string; readonly tag: string };
}

/** POSTs that queue work answer 202 (`/retry` queues a delivery), `/enable` changes a record in place (200), other POSTs create (201). */
const successStatus = (route: DocumentedRoute) =>
  route.method === 'DELETE' ? '204'
  : route.method !== 'POST' || route.path.endsWith('/enable') ? '200'
  : ['/invite', '/complete', '/retry'].some((end) => route.path.endsWith(end)) ? '202'
  : '201';

type Budget = 'requests' | 'positions';
const defaultQuota = (budget: Budget) => (budget === 'positions' ? defaultApiLimits.positionsPerMinute : defaultApiLimits.requestsPerMinute);

/** The budget a call counted in and what is left of it (draft-ietf-httpapi-ratelimit-headers): on every answer to a counted call. */
const budgetHeaders = (budget: Budget, example: { remaining: number; seconds: number }) => ({
  'RateLimit-Policy': { description: `The budget this call counted in, its quota and window, e.g. \`"${budget}";q=${defaultQuota(budget)};w=60\` (draft-ietf-httpapi-ratelimit-headers).`, schema: { type: 'string' } },
  RateLimit: { description: `What remains of it and for how many seconds, e.g. \`"${budget}";r=${example.remaining};t=${example.seconds}\`.`, schema: { type: 'string' } },
});

/** An answer to a call whose key checked out: it counted, and says what is left. */
const counted = <T extends object>(answer: T, budget: Budget) => ({ ...answer, headers: budgetHeaders(budget, { remaining: defaultQuota(budget) - 188, seconds: 37 }) });

/** The 429 of a route: the budget it counts in ran out this minute; the headers name it. */
const rateLimited = (budget: Budget) => ({
  ...problem(`The business's \`${budget}\` budget for this minute is used up (all its keys together; GET settings \`apiLimits\`). Retry after Retry-After seconds.`),
  headers: {
    'Retry-After': { description: 'Seconds until the budget\'s next minute starts.', schema: { type: 'integer', minimum: 1 } },
    ...budgetHeaders(budget, { remaining: 0, seconds: 12 }),
  },
});

/** `routes`: the route table (shared/routes/); `prefix`: the business API's path prefix, which `serverUrl` ends in. */
export function businessOpenApiDocument(routes: readonly BusinessDocumentedRoute[], prefix: string, serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    if (!route.openApi) continue;
    const schemas: RouteSchemas = businessSchemas[route.name as BusinessRouteName];
    const status = successStatus(route);
    const budget: Budget = positionRouteNames.includes(route.name) ? 'positions' : 'requests';
    const operation: Record<string, unknown> = {
      operationId: route.name,
      summary: route.openApi.summary,
      tags: [route.openApi.tag],
      ...requestOf(route, schemas),
      // 401 and 403 count nothing (the key did not check out), so they alone say nothing of the budget.
      responses: {
        [status]: counted(success(status), budget),
        400: counted(problem('Invalid input: `errors` names each field.'), budget),
        401: problem('Missing, unknown, expired or revoked API key.'),
        403: problem('The key lacks the scope this call needs.'),
        404: counted(problem('No such record in this business.'), budget),
        ...(route.method !== 'GET' ? { 409: counted(problem('Conflicts with the current state, or the same Idempotency-Key is still running.'), budget), 413: counted(problem('Body too large.'), budget) } : {}),
        ...(route.idempotent ? { 422: counted(problem('The Idempotency-Key was used with other parameters.'), budget) } : {}),
        429: rateLimited(budget),
      },
    };
    (paths[route.path.slice(prefix.length)] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Field-service portal: business API',
      version: '1',
      description: [
        'What a contractor\'s own system calls to push customers, jobs, notes, attachments and messages into its customer portal, and to hear what its customers did (webhooks).',
        'Authenticate with `Authorization: Bearer <key>`. Lists take `limit` (≤ 100) and an opaque `cursor`, and answer `{ items, hasMore, nextCursor }`.',
        `Limits: each business has two budgets a minute, shared by all its keys: \`positions\` (PUT jobs/{jobId}/tracking/position; default ${defaultApiLimits.positionsPerMinute}) and \`requests\` (every other call; default ${defaultApiLimits.requestsPerMinute}). GET settings shows the business's own (\`apiLimits\`); the portal's operator sets them. Every answer to a call that counted says what is left of its budget (RateLimit-Policy, RateLimit); past one: 429 with Retry-After and those headers naming the budget.`,
        `Attachments: at most ${maxAttachmentBytes / 1024 / 1024} MB. Webhook events: ${webhookEventTypes.join(', ')}, signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature).`,
      ].join('\n\n'),
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    paths,
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'A business API key: fsp_live_… or fsp_test_…' } },
      schemas: { Problem: problemSchema },
    },
  };
}
