/**
 * The customer API: what a link opens. A link carries its token in the URL fragment and the
 * portal sends it as `Authorization: Link <token>`; `GET /api/link` says what it opens without
 * using it (a mail scanner opening it changes nothing).
 */
import type { CustomerLanguage, PortalInfo } from './portal';

/** `GET /api/link`. */
export interface LinkResponse {
  kind: 'sign-in' | 'invoice' | 'estimate' | 'tracking' | 'form';
  /**
   * For a pay link or an estimate link, the invoice or estimate it opens; for a tracking link, the
   * job being visited (read them with the same `Authorization: Link` header).
   */
  id?: string;
  portal: PortalInfo;
  /** What the server knows of the link customer's language (resolve it with the browser's own). */
  language: CustomerLanguage;
}

/** What each route of this capability validates, by route name (shared/routes/): the link is the only input. */
export const customerLinkSchemas = {
  getLink: {},
} as const;
