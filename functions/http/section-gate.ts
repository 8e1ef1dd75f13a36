/**
 * Middleware: a row of one of the portal's sections (its row's `section`) answers 404 to a
 * signed-in customer whose business hides that section (settings `portal.sections`), as if the
 * page did not exist. A link's holder is not gated: a pay or estimate link already sent still
 * opens its one document.
 *
 * The business is read beside the handler's own reads, and the answer waits for both, so a read
 * costs no extra round trip; a write waits for it first, so a hidden section changes nothing.
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { PortalSection } from '../../shared/contract/customer/portal';
import type { DirectoryStore } from '../../shared/directory/port';
import { NotFound } from '../../shared/kernel/errors';
import { routeState } from './route-state';

const pending = new WeakMap<APIGatewayProxyEventV2, Promise<void>>();

export function sectionGate(section: PortalSection, write: boolean, directory: () => DirectoryStore): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    before: async (request) => {
      const caller = routeState(request.event).caller as { businessId: string; via?: 'session' | 'link' };
      if (caller.via === 'link') return;
      const shown = directory()
        .getBusiness(caller.businessId)
        .then((business) => {
          if (!business?.sections.includes(section)) throw new NotFound();
        });
      if (write) return shown;
      // Settled in `after`; a handler that fails first answers with its own error, and this one is dropped.
      shown.catch(() => undefined);
      pending.set(request.event, shown);
    },
    after: async (request) => {
      await pending.get(request.event);
    },
  };
}
