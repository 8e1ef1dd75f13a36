/**
 * The customer API's OpenAPI document (`GET /api/openapi.json`): every customer route of the
 * route table is in it with the path, query and body schemas its handler validates with, and it
 * has the structure OpenAPI 3.1 requires.
 */
import { customerOpenApiDocument } from '../../shared/contract/customer/openapi';
import { customerSchemas } from '../../shared/contract/customer/schemas';
import type { RouteSchemas } from '../../shared/contract/openapi';
import { businessApiPrefix, routes } from '../../shared/routes';
import { documentedProblems, openApi31Problems } from '../test/openapi-support';
import { sessionCookieName } from '../http/cookies';

const doc = customerOpenApiDocument(routes, 'https://portal.example.com', sessionCookieName);
/** What the portal's pages may call: everything outside the business API but Stripe's webhook and the document itself. */
const customerRoutes = routes.filter((r) => !r.path.startsWith(businessApiPrefix) && r.auth !== 'signature' && r.name !== 'customerOpenApi');

test('it is OpenAPI 3.1, structurally sound', () => {
  expect(doc.openapi).toBe('3.1.0');
  expect(openApi31Problems(doc)).toEqual([]);
});

test('every customer route of the route table is in it, with the schemas its handler validates with', () => {
  expect(customerRoutes.length).toBeGreaterThanOrEqual(20);
  expect(Object.keys(customerSchemas).sort()).toEqual(customerRoutes.map((r) => r.name).sort());
  const schemasOf = customerSchemas as Record<string, RouteSchemas>;
  expect(customerRoutes.flatMap((route) => documentedProblems(doc, route, route.path, schemasOf[route.name]!))).toEqual([]);
  // Nothing else: no business route, no Stripe webhook.
  const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
  expect(documented.sort()).toEqual(customerRoutes.map((r) => `${r.method} ${r.path}`).sort());
});

test('each operation names who may call it: session, link, either, or anyone', () => {
  const securityOf = (name: string) => {
    const route = customerRoutes.find((r) => r.name === name)!;
    return (doc.paths[route.path]![route.method.toLowerCase()] as { security: unknown }).security;
  };
  expect(securityOf('getPortal')).toEqual([]);
  expect(securityOf('listJobs')).toEqual([{ session: [] }]);
  expect(securityOf('getTracking')).toEqual([{ link: [] }]);
  expect(securityOf('getInvoice')).toEqual([{ session: [] }, { link: [] }]);
  expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: sessionCookieName });
});

test('a query default and a body rule reach the document', () => {
  const listJobs = doc.paths['/api/jobs']!.get as { parameters: { name: string; schema: { default?: unknown } }[] };
  expect(listJobs.parameters.find((p) => p.name === 'limit')!.schema.default).toBe('20');
  const approve = doc.paths['/api/estimates/{estimateId}/approve']!.post as { requestBody: { content: { 'application/json': { schema: { required: string[] } } } }; parameters: { name: string }[] };
  expect(approve.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['version', 'optionId', 'acceptTerms']));
  expect(approve.parameters.map((p) => p.name)).toEqual(['estimateId', 'Idempotency-Key']);
});
