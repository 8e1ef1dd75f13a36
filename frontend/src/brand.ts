/**
 * Per-business colours. They are set as CSS custom properties through the CSSOM
 * (`style.setProperty`), which the CSP allows; no inline style attribute is ever written.
 *
 * Whatever colour a business picks, what the portal draws with it stays readable (WCAG 1.4.3 and
 * 1.4.11), with no setting to get right:
 * - text on the brand colour (header, primary buttons, badges) is black or white, whichever
 *   contrasts more: at least 4.58:1 for any colour, so the text colour is flipped, never the brand;
 * - text in the brand colour on white (links) is the brand darkened, same hue, until 4.5:1;
 * - lines in the brand colour on white (the selected tab, a chosen option, the pay bar's frame,
 *   a primary button's edge) are the brand darkened until 3:1.
 * A light yellow such as #FFEB3B keeps its yellow header with black text, and gets a dark
 * olive for its links and lines. Unit tested in brand.test.ts; in the browser, brand.browser.test.ts.
 */
export const DEFAULT_BRAND = '#1f5fbf';

/** "#abc" or "#aabbcc" → [r, g, b] in 0–255; anything else → null. */
export function parseHexColor(color: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return null;
  let hex = m[1]!;
  if (hex.length === 3) hex = hex.replace(/./g, (c) => c + c);
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG 2 relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

export interface BrandColors {
  /** The background colour for the header and primary buttons: the business's own. */
  brand: string;
  /** Readable text on `brand`: black or white. */
  onBrand: '#000000' | '#ffffff';
  /** Text in the brand's hue on white: the brand, darkened until 4.5:1 where it needs to be. */
  brandInk: string;
  /** Lines and indicators in the brand's hue on white: the brand, darkened until 3:1 where it needs to be. */
  brandLine: string;
}

type Rgb = [number, number, number];

const hex = (rgb: Rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** Contrast of a colour against white. */
const onWhite = (rgb: Rgb) => contrastRatio(relativeLuminance(rgb), 1);

/**
 * The colour, darkened (each channel scaled down alike, so the hue stays) just enough to reach
 * `ratio` against white; unchanged when it already does. Black reaches 21:1, so this always ends.
 */
export function darkenedFor(rgb: Rgb, ratio: number): Rgb {
  if (onWhite(rgb) >= ratio) return rgb;
  let dark = 0;
  let light = 1;
  for (let i = 0; i < 20; i++) {
    const mid = (dark + light) / 2;
    if (onWhite(rgb.map((c) => c * mid) as Rgb) >= ratio) dark = mid;
    else light = mid;
  }
  // Rounding to whole channel values can lose a hair of contrast: round down.
  return rgb.map((c) => Math.floor(c * dark)) as Rgb;
}

export function brandColors(primaryColor: string | null | undefined): BrandColors {
  const rgb = parseHexColor(primaryColor ?? '') ?? parseHexColor(DEFAULT_BRAND)!;
  const l = relativeLuminance(rgb);
  const onBrand = contrastRatio(l, 1) >= contrastRatio(l, 0) ? '#ffffff' : '#000000';
  return { brand: hex(rgb), onBrand, brandInk: hex(darkenedFor(rgb, 4.5)), brandLine: hex(darkenedFor(rgb, 3)) };
}

/** Sets --brand, --on-brand, --brand-ink and --brand-line on <html>. */
export function applyBrand(primaryColor: string | null | undefined): void {
  const colors = brandColors(primaryColor);
  const style = document.documentElement.style;
  style.setProperty('--brand', colors.brand);
  style.setProperty('--on-brand', colors.onBrand);
  style.setProperty('--brand-ink', colors.brandInk);
  style.setProperty('--brand-line', colors.brandLine);
}
