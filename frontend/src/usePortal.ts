import type { PortalInfo } from '../../shared/contract/customer/portal';
import type { ApiResult } from './api';
import { loadPortal } from './session';
import { useResource } from './useResource';

const none: Promise<ApiResult<PortalInfo>> = Promise.resolve({
  ok: false,
  status: 404,
  problem: { type: 'about:blank', title: 'Not found', status: 404, detail: 'No portal was named.' },
});

/** The portal's public info (name, colours, time zone); cached across pages. */
export function usePortal(slug: string | null) {
  return useResource(() => (slug ? loadPortal(slug) : none), [slug]);
}
