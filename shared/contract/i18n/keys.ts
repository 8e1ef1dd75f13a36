/**
 * Every message key, from the English catalogs: a key that is not in them does not type-check.
 * Adding an area file means adding it here and in catalogs.ts (server) and the portal build.
 */
type Keys<T> = Extract<keyof T, string>;

export type MessageKey =
  | Keys<typeof import('./catalogs/en/common.json')>
  | Keys<typeof import('./catalogs/en/portal.json')>
  | Keys<typeof import('./catalogs/en/tracking.json')>
  | Keys<typeof import('./catalogs/en/problems.json')>
  | Keys<typeof import('./catalogs/en/email.json')>
  | Keys<typeof import('./catalogs/en/sms.json')>
  | Keys<typeof import('./catalogs/en/pdf.json')>;
