/**
 * The route table: the one declaration of every function. Each row drives, from the same
 * object:
 * - the CDK HTTP API route, the function's IAM grants and environment (infra/stack),
 * - the local gateway (infra/local/gateway.ts),
 * - the middleware chain its handler gets (`auth`, `bodyLimitBytes`, `idempotent`),
 * - the dependencies its handler may use (`access`): a handler's `deps` is typed from its row,
 *   so using an adapter the row does not grant fails to compile, and the object handed over at
 *   run time (locally and on AWS) holds nothing else.
 *
 * The rows live in three files by who calls them: the customer portal (./portal.ts), the business
 * API (./business.ts), and queues and timers (./background.ts). A handler takes its own row from its
 * file (`portalRoute('getMe')`), so its bundle carries that file's rows only; the whole table here
 * is for the stack, the local gateway, the OpenAPI documents and the tests.
 *
 * Adding an endpoint = one row in ./portal.ts or ./business.ts + one handler file under functions/.
 */
import { businessRoutes } from './business';
import { portalRoutes } from './portal';
import type { Consumer, Schedule, Subscriber } from './background';
import { rowNamed } from './kinds';

export * from './kinds';
export { portalRoute, portalRoutes, type PortalRoute } from './portal';
export { businessRoute, businessRoutes, type BusinessRoute } from './business';
export * from './background';

export const routes = [...portalRoutes, ...businessRoutes] as const;

export type Route = (typeof routes)[number];
export type RouteName = Route['name'];
export type FunctionDef = Route | Consumer | Schedule | Subscriber;

export const routeByName = <N extends RouteName>(name: N): Extract<Route, { name: N }> => rowNamed(routes, name);
