import { businessOpenApiDocument } from '../../shared/contract/business/openapi';
import { businessApiPrefix, routeByName, routes } from '../../shared/routes';
import { apiDocumentCacheControl } from '../http/boundary';
import { httpRoute } from '../http/http-route';
import { publicAuth } from '../http/auth/public';

let document: ReturnType<typeof businessOpenApiDocument> | undefined;

/** The business API's OpenAPI 3.1 document; public, like any API reference. Built once per cold start. */
export const handler = httpRoute(routeByName('businessOpenApi'), { auth: publicAuth }, async ({ deps }) => ({
  status: 200,
  headers: { 'cache-control': apiDocumentCacheControl },
  body: (document ??= businessOpenApiDocument(routes, businessApiPrefix, `${deps.config.portalOrigin.replace(/\/+$/, '')}${businessApiPrefix}`)),
}));
