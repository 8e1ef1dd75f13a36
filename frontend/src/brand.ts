/**
 * Per-business colours. They are set as CSS custom properties through the CSSOM
 * (`style.setProperty`), which the CSP allows; no inline style attribute is ever written.
 * Text on the brand colour is black or white, whichever contrasts more (WCAG luminance).
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
  /** The background colour for the header and primary buttons. */
  brand: string;
  /** Readable text on `brand`: black or white. */
  onBrand: '#000000' | '#ffffff';
  /** The brand colour when it is readable as text on white (4.5:1), else a dark neutral. */
  brandInk: string;
}

export function brandColors(primaryColor: string | null | undefined): BrandColors {
  const rgb = parseHexColor(primaryColor ?? '') ?? parseHexColor(DEFAULT_BRAND)!;
  const brand = `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  const l = relativeLuminance(rgb);
  const onBrand = contrastRatio(l, 1) >= contrastRatio(l, 0) ? '#ffffff' : '#000000';
  const brandInk = contrastRatio(l, 1) >= 4.5 ? brand : '#1d2733';
  return { brand, onBrand, brandInk };
}

/** Sets --brand, --on-brand and --brand-ink on <html>. */
export function applyBrand(primaryColor: string | null | undefined): void {
  const colors = brandColors(primaryColor);
  const style = document.documentElement.style;
  style.setProperty('--brand', colors.brand);
  style.setProperty('--on-brand', colors.onBrand);
  style.setProperty('--brand-ink', colors.brandInk);
}
