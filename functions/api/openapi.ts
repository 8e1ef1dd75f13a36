import { customerOpenApiDocument } from '../../shared/contract/customer/openapi';
import { routeByName, routes } from '../../shared/routes';
import { apiDocumentCacheControl } from '../http/boundary';
import { sessionCookieName } from '../http/cookies';
import { httpRoute } from '../http/http-route';
import { publicAuth } from '../http/auth/public';

let document: ReturnType<typeof customerOpenApiDocument> | undefined;

/** The customer API's OpenAPI 3.1 document: what the portal's pages call. Public and the same for everyone; built once per cold start. */
export const handler = httpRoute(routeByName('customerOpenApi'), { auth: publicAuth }, async ({ deps }) => ({
  status: 200,
  headers: { 'cache-control': apiDocumentCacheControl },
  body: (document ??= customerOpenApiDocument(routes, deps.config.portalOrigin.replace(/\/+$/, ''), sessionCookieName)),
}));
