/**
 * The business API's OpenAPI 3.1 document, generated from the route table (which routes, their
 * summaries) and the valibot schemas the handlers validate with (`businessSchemas`), so the
 * document and the code cannot drift. Served at `GET /api/business/v1/openapi.json`.
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { routes, type Route } from '../routes';
import { businessSchemas, maxAttachmentBytes, webhookEventTypes } from './business-contract';

type JsonSchema = Record<string, unknown>;
type AnySchema = v.GenericSchema<unknown, unknown>;

const schemaOf = (schema: AnySchema): JsonSchema => {
  // Checks and transforms (a real date, a trimmed string) have no JSON Schema form: the
  // structure, types, patterns and lengths are what a client needs.
  const { $schema: _draft, ...rest } = toJsonSchema(schema, { target: 'draft-2020-12', typeMode: 'input', errorMode: 'ignore' }) as JsonSchema;
  return rest;
};

function parameters(where: 'path' | 'query', schema: AnySchema | undefined): JsonSchema[] {
  if (!schema) return [];
  const object = schemaOf(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    schema: property,
  }));
}

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });

/** POSTs that queue work answer 202 (`/retry` queues a delivery), `/enable` changes a record in place (200), other POSTs create (201). */
const successStatus = (route: Route) =>
  route.method === 'DELETE' ? '204'
  : route.method !== 'POST' || route.path.endsWith('/enable') ? '200'
  : ['/invite', '/complete', '/retry'].some((end) => route.path.endsWith(end)) ? '202'
  : '201';

export type BusinessRouteName = keyof typeof businessSchemas;

export function businessOpenApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    if (!('openApi' in route)) continue;
    const schemas = businessSchemas[route.name as BusinessRouteName] as { path?: AnySchema; query?: AnySchema; body?: AnySchema };
    const path = route.path.replace(/^\/api\/business\/v1/, '');
    const status = successStatus(route);
    const operation: Record<string, unknown> = {
      operationId: route.name,
      summary: route.openApi.summary,
      tags: [route.openApi.tag],
      parameters: [
        ...parameters('path', schemas.path),
        ...parameters('query', schemas.query),
        ...('idempotent' in route && route.idempotent
          ? [{ name: 'Idempotency-Key', in: 'header', required: false, description: 'Repeat a request safely: the first answer is replayed for 24 hours.', schema: { type: 'string', maxLength: 255 } }]
          : []),
      ],
      ...(schemas.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(schemas.body) } } } } : {}),
      responses: {
        [status]: status === '204' ? { description: 'Done.' } : { description: 'Success.', content: { 'application/json': { schema: { type: 'object' } } } },
        400: problem('Invalid input: `errors` names each field.'),
        401: problem('Missing, unknown, expired or revoked API key.'),
        403: problem('The key lacks the scope this call needs.'),
        404: problem('No such record in this business.'),
        ...(route.method !== 'GET' ? { 409: problem('Conflicts with the current state, or the same Idempotency-Key is still running.'), 413: problem('Body too large.') } : {}),
        ...('idempotent' in route && route.idempotent ? { 422: problem('The Idempotency-Key was used with other parameters.') } : {}),
        429: problem('Rate limit per key: see Retry-After.'),
      },
    };
    (paths[path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Field-service portal: business API',
      version: '1',
      description: [
        'What a contractor\'s own system calls to push customers, jobs, notes, attachments and messages into its customer portal, and to hear what its customers did (webhooks).',
        'Authenticate with `Authorization: Bearer <key>`. Lists take `limit` (≤ 100) and an opaque `cursor`, and answer `{ items, hasMore, nextCursor }`.',
        `Attachments: at most ${maxAttachmentBytes / 1024 / 1024} MB. Webhook events: ${webhookEventTypes.join(', ')}, signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature).`,
      ].join('\n\n'),
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    paths,
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'A business API key: fsp_live_… or fsp_test_…' } },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
      },
    },
  };
}
