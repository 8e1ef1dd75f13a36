/**
 * Is an upload really the picture it claims to be, and a sane size? (security.md rule 73.) The
 * first bytes must match the declared type (the same signatures as attachments, rule 60), the
 * header must give the picture's size in pixels, within `mediaPixels`, and a PNG's image data must
 * inflate to no more than that size needs (rule 53's bound, here for any colour type), so the
 * estimate PDF, which decodes a PNG logo, never meets a decompression bomb.
 */
import { inflateSync } from 'node:zlib';
import { mediaPixels, type MediaType } from '../contract/business/media';
import { readChunks, readPngHeader } from '../files/png';
import { matchesDeclaredType } from '../files/signatures';

export type ImageCheck = { ok: true; width: number; height: number } | { ok: false; field: 'contentType' | 'file'; message: string };

/** Samples per pixel by PNG colour type: grey, RGB, palette index, grey + alpha, RGBA. */
const pngChannels: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export function checkImage(contentType: MediaType, bytes: Buffer): ImageCheck {
  if (!matchesDeclaredType(contentType, bytes.subarray(0, 32))) return { ok: false, field: 'contentType', message: `the uploaded file is not ${contentType}: its content does not match the declared type` };
  const size = contentType === 'image/png' ? pngSize(bytes) : contentType === 'image/jpeg' ? jpegSize(bytes) : webpSize(bytes);
  if (!size) return { ok: false, field: 'contentType', message: `the uploaded file is not a readable ${contentType} image` };
  const { min, max } = mediaPixels;
  if (size.width < min || size.height < min || size.width > max || size.height > max) {
    return { ok: false, field: 'file', message: `the image is ${size.width}×${size.height} pixels: each side must be from ${min} to ${max} pixels` };
  }
  if (contentType === 'image/png') {
    const bounded = pngDataFits(bytes, size.width, size.height);
    if (bounded !== true) return { ok: false, field: 'file', message: bounded };
  }
  return { ok: true, ...size };
}

function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const header = readPngHeader(bytes);
  return header && pngChannels[header.colorType] ? { width: header.width, height: header.height } : null;
}

/** Inflates the image data with a cap at what its header's size needs (interlacing adds a filter byte per pass row). */
function pngDataFits(bytes: Buffer, width: number, height: number): true | string {
  const header = readPngHeader(bytes)!;
  const rowBytes = Math.ceil((width * pngChannels[header.colorType]! * header.bitDepth) / 8) + 1;
  const cap = height * rowBytes + (header.interlaced ? 2 * height + 64 : 0);
  try {
    inflateSync(Buffer.concat(readChunks(bytes).filter((c) => c.type === 'IDAT').map((c) => c.data)), { maxOutputLength: cap });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return `the image holds more data than its ${width}×${height} pixels`;
    return 'the uploaded file is not a readable image/png image';
  }
}

/** The first start-of-frame marker's size: markers are walked by their lengths, never searched for. */
function jpegSize(bytes: Buffer): { width: number; height: number } | null {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) { at += 1; continue; }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { at += 2; continue; }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image, or the scan, before any frame
    const length = bytes.readUInt16BE(at + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return at + 9 <= bytes.length ? { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) } : null;
    at += 2 + length;
  }
  return null;
}

/** The first chunk of a WebP file says its size: lossy (`VP8 `), lossless (`VP8L`) or extended (`VP8X`). */
function webpSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 30) return null;
  const chunk = bytes.toString('latin1', 12, 16);
  if (chunk === 'VP8 ' && bytes[23] === 0x9d && bytes[24] === 0x01 && bytes[25] === 0x2a) return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
  if (chunk === 'VP8L' && bytes[20] === 0x2f) {
    const bits = bytes.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { width: bytes.readUIntLE(24, 3) + 1, height: bytes.readUIntLE(27, 3) + 1 };
  return null;
}
