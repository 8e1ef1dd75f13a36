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
import type { Business } from '../../shared/directory/model';
import { NotFound } from '../../shared/kernel/errors';
import { routeState } from './route-state';

const pending = new WeakMap<APIGatewayProxyEventV2, Promise<void>>();
const businesses = new WeakMap<APIGatewayProxyEventV2, Promise<Business | null>>();

/**
 * The business the gate read for this request (null: the caller came with a link, or the row has
 * no section): for a handler that shows less when another section is hidden (the job page leaves
 * out Messages), with no second read.
 */
export function gatedBusiness(event: APIGatewayProxyEventV2): Promise<Business | null> | null {
  return businesses.get(event) ?? null;
}

/** Whether the business shows Messages, from the business the gate read (undefined when it read none). */
export function messagesShownTo(event: APIGatewayProxyEventV2): Promise<boolean> | undefined {
  return gatedBusiness(event)?.then((business) => business?.sections.includes('messages') ?? false);
}

export function sectionGate(section: PortalSection, write: boolean, directory: () => DirectoryStore): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    before: async (request) => {
      const caller = routeState(request.event).caller as { businessId: string; via?: 'session' | 'link' };
      if (caller.via === 'link') return;
      const read = directory().getBusiness(caller.businessId);
      read.catch(() => undefined);
      businesses.set(request.event, read);
      const shown = read.then((business) => {
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
