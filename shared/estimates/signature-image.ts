/**
 * A drawn signature as the page sends it: a PNG data URL from `signature_pad`. Refused unless it
 * is a real PNG with some ink on it: a blank canvas is no signature (Invoice Ninja's users found
 * blank signatures accepted). Decoding is the PNG format's own (zlib and the five row filters),
 * so no image library is needed.
 *
 * Bounded before anything is inflated (security.md rule 53): a 200 KB PNG can inflate to hundreds
 * of megabytes. The size is read from the IHDR header first and refused past what the signature
 * pad can draw; the inflate is then capped at exactly the bytes that size needs, so a header that
 * lies about the data behind it cannot blow memory either.
 */
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { readChunks, readPngHeader } from '../files/png';

/**
 * The pad (frontend/src/components/estimate/SignatureField.tsx) is the page column, at most 42rem
 * wide, by 10rem tall, at most at 2× pixel density: 1344×320 pixels at the default 16 px font.
 * These allow twice that for a reader who set a large font, with room to spare.
 */
export const signatureImageRules = {
  maxWidth: 3000,
  maxHeight: 800,
  /** Pixels that differ from the background: a dot or a slip of the finger is not a signature. */
  minInkPixels: 40,
} as const;

export type SignatureImageCheck = { ok: true; png: Buffer; hash: string } | { ok: false; message: string };

/** Bytes per pixel by PNG colour type, at 8 bits: grey, RGB, grey + alpha, RGBA (palettes are not drawn by the pad). */
const channelsOf: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export function checkSignatureImage(dataUrl: string): SignatureImageCheck {
  const png = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  const header = readPngHeader(png);
  if (!header) return { ok: false, message: 'must be a PNG image' };
  const { width, height, bitDepth, colorType, interlaced } = header;
  if (width === 0 || height === 0 || width > signatureImageRules.maxWidth || height > signatureImageRules.maxHeight) {
    return { ok: false, message: `must be at most ${signatureImageRules.maxWidth}×${signatureImageRules.maxHeight} pixels` };
  }
  const channels = channelsOf[colorType];
  if (bitDepth !== 8 || !channels || interlaced) return { ok: false, message: 'must be an 8-bit, non-interlaced PNG as the signature pad draws it' };
  // Each row is a filter byte and its pixels: exactly this much, never more, is inflated.
  const imageBytes = height * (width * channels + 1);
  let pixels: Buffer;
  try {
    const data = inflateSync(Buffer.concat(readChunks(png).filter((c) => c.type === 'IDAT').map((c) => c.data)), { maxOutputLength: imageBytes });
    pixels = unfilter(data, width, height, channels);
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return { ok: false, message: `holds more image data than its ${width}×${height} pixels` };
    return { ok: false, message: 'must be a readable PNG image' };
  }
  if (inkPixels(pixels, channels) < signatureImageRules.minInkPixels) return { ok: false, message: 'is empty: draw your signature in the box' };
  return { ok: true, png, hash: createHash('sha256').update(png).digest('hex') };
}

/**
 * Undoes the per-row filters (None, Sub, Up, Average, Paeth) into plain pixel bytes. The filter
 * is chosen once per row, and each row is a tight loop: the largest pad is ~10 MB of bytes.
 */
function unfilter(data: Buffer, width: number, height: number, channels: number): Buffer {
  const stride = width * channels;
  if (data.length < height * (stride + 1)) throw new Error('short image data');
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)]!;
    const from = y * (stride + 1) + 1;
    const at = y * stride;
    const above = at - stride; // the previous row in `out`; none on the first row
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[at + x - channels]! : 0;
      const b = y > 0 ? out[above + x]! : 0;
      let predictor: number;
      switch (filter) {
        case 0: predictor = 0; break;
        case 1: predictor = a; break;
        case 2: predictor = b; break;
        case 3: predictor = (a + b) >> 1; break;
        case 4: predictor = paeth(a, b, x >= channels && y > 0 ? out[above + x - channels]! : 0); break;
        default: throw new Error('unknown filter');
      }
      out[at + x] = (data[from + x]! + predictor) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Pixels unlike the top-left one (the background): with an alpha channel, the visible ones. */
function inkPixels(pixels: Buffer, channels: number): number {
  const hasAlpha = channels === 2 || channels === 4;
  // A transparent background: every visible pixel is ink.
  const transparentBackground = hasAlpha && pixels[channels - 1] === 0;
  let ink = 0;
  for (let at = 0; at < pixels.length; at += channels) {
    if (hasAlpha && pixels[at + channels - 1] === 0) continue;
    if (transparentBackground || !sameAsBackground(pixels, at, channels)) ink++;
  }
  return ink;
}

function sameAsBackground(pixels: Buffer, at: number, channels: number): boolean {
  for (let c = 0; c < channels; c++) if (pixels[at + c] !== pixels[c]) return false;
  return true;
}
