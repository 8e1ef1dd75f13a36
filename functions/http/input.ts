/** Reads and validates a request's body, query and path against valibot schemas. */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as v from 'valibot';
import { InvalidInput, PayloadTooLarge, UnsupportedMediaType, type FieldError } from '../../shared/kernel/errors';
import { fieldSaying } from './field-saying';
import { maxJsonDepth, nestsDeeperThan } from './json-depth';
import { routeState } from './route-state';

export type AnySchema = v.GenericSchema<unknown, unknown>;

export function parseWith<S extends AnySchema>(schema: S, value: unknown, where: 'body' | 'query' | 'path'): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  throw new InvalidInput(result.issues.map((issue) => toFieldError(issue, where)));
}

function toFieldError(issue: v.BaseIssue<unknown>, where: string): FieldError {
  const path = v.getDotPath(issue);
  const field = path ? (where === 'body' ? path : `${where}.${path}`) : where;
  const said = fieldSaying(issue);
  // A missing field reaches a strict object's "never" check too: say what is wrong with it first.
  if (issue.received === 'undefined' && path) return { field, message: 'is required', said };
  // A strict object's extra key: say so plainly rather than "Expected never".
  if (issue.type === 'strict_object' && path) return { field, message: 'is not a known field', said };
  return { field, message: issue.message, said };
}

/** The body's bytes as the client sent them (API Gateway base64-encodes some); over `limitBytes` is a 413. */
export function readRawBody(event: APIGatewayProxyEventV2, limitBytes: number): Buffer {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.length > limitBytes) throw new PayloadTooLarge(`The request body must be at most ${limitBytes} bytes.`).saying('problems.body.too-large', { bytes: limitBytes });
  return bytes;
}

/**
 * The JSON body as a value; a body that is not JSON, or nests deeper than `maxJsonDepth`, is a 400
 * naming `body`, one over `limitBytes` a 413.
 */
export function readJsonBody(event: APIGatewayProxyEventV2, limitBytes: number): unknown {
  const bytes = readRawBody(event, limitBytes);
  const contentType = (event.headers?.['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType !== 'application/json') throw new UnsupportedMediaType('Send the body as JSON with content-type: application/json.').saying('problems.body.not-json');
  if (bytes.length === 0) throw new InvalidInput([{ field: 'body', message: 'is required', said: { key: 'problems.field.required' } }], 'The request body is empty.').saying('problems.body.empty');
  // Before parsing: what reads the value afterwards recurses, and would overflow the stack (rule 55).
  if (nestsDeeperThan(bytes, maxJsonDepth)) {
    throw new InvalidInput([{ field: 'body', message: `must not nest objects or arrays more than ${maxJsonDepth} levels deep` }], 'The request body nests too deeply.').saying('problems.body.too-deep');
  }
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new InvalidInput([{ field: 'body', message: 'is not valid JSON' }], 'The request body is not valid JSON.').saying('problems.body.invalid-json');
  }
  // Every body this API takes is an object; valibot would read an array's indexes as its keys.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidInput([{ field: 'body', message: Array.isArray(value) ? 'must be a JSON object, not an array' : 'must be a JSON object', said: { key: 'problems.field.object' } }]);
  }
  return value;
}

type Middleware = MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

/** Middleware, for routes that take a body: reads it as a JSON object within the row's limit (see readJsonBody). */
export function jsonBody(limitBytes: number): Middleware {
  return {
    before: (request) => {
      const value = readJsonBody(request.event, limitBytes);
      routeState(request.event).json = { value, text: JSON.stringify(value) };
    },
  };
}

export interface InputSchemas {
  /** A schema, or a function choosing one from the parsed body (for bodies with variants). */
  body?: AnySchema | ((body: unknown) => AnySchema) | undefined;
  query?: AnySchema | undefined;
  path?: AnySchema | undefined;
}

/** Middleware: the body (as jsonBody read it), query and path parsed by the route's schemas; a mismatch is a 400 naming each field. */
export function validation(schemas: InputSchemas): Middleware {
  return {
    before: (request) => {
      const state = routeState(request.event);
      const { event } = request;
      if (schemas.body) {
        const raw = state.json?.value;
        const schema = typeof schemas.body === 'function' ? schemas.body(raw) : schemas.body;
        state.body = parseWith(schema, raw, 'body');
      }
      if (schemas.query) state.query = parseWith(schemas.query, event.queryStringParameters ?? {}, 'query');
      if (schemas.path) state.path = parseWith(schemas.path, event.pathParameters ?? {}, 'path');
    },
  };
}
