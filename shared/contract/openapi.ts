/**
 * What both OpenAPI 3.1 documents are built from: JSON Schema of the very valibot schemas the
 * handlers validate with, parameters from a route's path and query schemas, and the problem
 * answers. The route rows come in as an argument (the route table lives outside the contract).
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';

export type JsonSchema = Record<string, unknown>;
export type AnySchema = v.GenericSchema<unknown, unknown>;

/** What a route validates: the schemas its handler passes to `httpRoute`. */
export interface RouteSchemas {
  readonly path?: AnySchema;
  readonly query?: AnySchema;
  readonly body?: AnySchema;
}

/** The parts of a route row (shared/routes/) a document needs. */
export interface DocumentedRoute {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly auth: string;
  readonly idempotent?: true;
}

export const schemaOf = (schema: AnySchema): JsonSchema => {
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

const idempotencyKeyHeader = {
  name: 'Idempotency-Key', in: 'header', required: false, description: 'Repeat a request safely: the first answer is replayed for 24 hours.', schema: { type: 'string', maxLength: 255 },
};

/** An operation's parameters and request body, from the schemas its handler validates with. */
export function requestOf(route: DocumentedRoute, schemas: RouteSchemas) {
  return {
    parameters: [...parameters('path', schemas.path), ...parameters('query', schemas.query), ...(route.idempotent ? [idempotencyKeyHeader] : [])],
    ...(schemas.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(schemas.body) } } } } : {}),
  };
}

/** An error answer: RFC 9457 problem details. */
export const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });

/** A success answer: JSON, or nothing for 204. */
export const success = (status: string) =>
  status === '204' ? { description: 'Done.' } : { description: 'Success.', content: { 'application/json': { schema: { type: 'object' } } } };

/** `components.schemas.Problem`, as ./problem.ts declares it. */
export const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } } },
  },
};
