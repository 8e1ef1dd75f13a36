/**
 * A drawn signature as the page sends it: a PNG data URL from `signature_pad`. Refused unless it
 * is a real PNG with some ink on it: a blank canvas is no signature (Invoice Ninja's users found
 * blank signatures accepted). Decoding is the PNG format's own (zlib and the five row filters),
 * so no image library is needed.
 */
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';

export const signatureImageRules = {
  maxWidth: 2400,
  maxHeight: 1200,
  /** Pixels that differ from the background: a dot or a slip of the finger is not a signature. */
  minInkPixels: 40,
} as const;

export type SignatureImageCheck = { ok: true; png: Buffer; hash: string } | { ok: false; message: string };

const pngMagic = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function checkSignatureImage(dataUrl: string): SignatureImageCheck {
  const png = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  if (png.length < 8 || !png.subarray(0, 8).equals(pngMagic)) return { ok: false, message: 'must be a PNG image' };
  const chunks = readChunks(png);
  const header = chunks.find((c) => c.type === 'IHDR')?.data;
  if (!header || header.length < 13) return { ok: false, message: 'must be a PNG image' };
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const bitDepth = header[8]!;
  const colorType = header[9]!;
  const interlaced = header[12] !== 0;
  if (width === 0 || height === 0 || width > signatureImageRules.maxWidth || height > signatureImageRules.maxHeight) {
    return { ok: false, message: `must be at most ${signatureImageRules.maxWidth}×${signatureImageRules.maxHeight} pixels` };
  }
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  if (bitDepth !== 8 || !channels || interlaced) return { ok: false, message: 'must be an 8-bit, non-interlaced PNG as the signature pad draws it' };
  let pixels: Buffer;
  try {
    pixels = unfilter(inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data))), width, height, channels);
  } catch {
    return { ok: false, message: 'must be a readable PNG image' };
  }
  if (inkPixels(pixels, channels) < signatureImageRules.minInkPixels) return { ok: false, message: 'is empty: draw your signature in the box' };
  return { ok: true, png, hash: createHash('sha256').update(png).digest('hex') };
}

function readChunks(png: Buffer): { type: string; data: Buffer }[] {
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at + 12 <= png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > png.length) break;
    chunks.push({ type, data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
    if (type === 'IEND') break;
  }
  return chunks;
}

/** Undoes the per-row filters (None, Sub, Up, Average, Paeth) into plain pixel bytes. */
function unfilter(data: Buffer, width: number, height: number, channels: number): Buffer {
  const stride = width * channels;
  if (data.length < height * (stride + 1)) throw new Error('short image data');
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)]!;
    const row = data.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[y * stride + x - channels]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels]! : 0;
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      if (predictor === undefined) throw new Error('unknown filter');
      out[y * stride + x] = (row[x]! + predictor) & 0xff;
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
  const background = pixels.subarray(0, channels);
  let ink = 0;
  for (let at = 0; at < pixels.length; at += channels) {
    const visible = hasAlpha ? pixels[at + channels - 1]! > 0 : true;
    if (visible && (hasAlpha ? background[channels - 1] === 0 || !pixels.subarray(at, at + channels).equals(background) : !pixels.subarray(at, at + channels).equals(background))) ink++;
  }
  return ink;
}
