/**
 * The tracking map's tile source: a URL template (`https://tiles.example.com/{z}/{x}/{y}.png`) and
 * the attribution its licence requires, set per stage (infra/stack/config.ts). OpenStreetMap's own
 * servers forbid heavy use, so production needs a provider or self-hosted tiles
 * (../shared/design/tracking.md). Unset, the page draws a plain background with the two markers.
 */
export interface MapTiles {
  urlTemplate: string;
  attribution: string;
  maxZoom: number;
}

export const defaultMaxZoom = 18;

/** From the stage's settings; a template that is not https with {z}, {x} and {y} is a deploy-time error. */
export function mapTilesFrom(urlTemplate: string | undefined, attribution: string | undefined): MapTiles | null {
  if (!urlTemplate) return null;
  if (!isTileUrlTemplate(urlTemplate)) throw new Error(`The map tile URL must be https with {z}, {x} and {y} in it, got "${urlTemplate}".`);
  if (!attribution) throw new Error('A map tile source needs its attribution (the tile provider requires it).');
  return { urlTemplate, attribution, maxZoom: defaultMaxZoom };
}

export function isTileUrlTemplate(value: string): boolean {
  return /^https:\/\/[^/?#\s]+\/\S*$/.test(value) && ['{z}', '{x}', '{y}'].every((p) => value.includes(p));
}

/** The origin the CSP must allow images from (`https://tiles.example.com`); `{s}` subdomains widen it to a wildcard. */
export function tileOrigin(urlTemplate: string): string {
  const host = /^https:\/\/([^/]+)/.exec(urlTemplate)![1]!;
  return `https://${host.replace(/^\{s\}\./, '*.')}`;
}
