/**
 * The catalogs the build compiles for this page (frontend/catalog-plugin.ts): per language, a
 * loader of its own chunk. Only the entries (main.tsx, track.tsx) import it.
 */
declare module 'virtual:catalogs' {
  import type { Messages } from '@lingui/core';
  export const loaders: Record<string, () => Promise<{ default: Messages }>>;
}
