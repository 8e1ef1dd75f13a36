import { businessOpenApiDocument } from '../../shared/api/openapi';
import { businessApiPrefix, routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';
import { publicAuth } from '../http/auth/public';

let document: ReturnType<typeof businessOpenApiDocument> | undefined;

/** The business API's OpenAPI 3.1 document; public, like any API reference. Built once per cold start. */
export const handler = httpRoute(routeByName('businessOpenApi'), { auth: publicAuth }, async ({ deps }) => ({
  status: 200,
  body: (document ??= businessOpenApiDocument(`${deps.config.portalOrigin.replace(/\/+$/, '')}${businessApiPrefix}`)),
}));
