/**
 * Reading a PNG's structure without decoding it: its header (IHDR, right after the signature
 * bytes) and its chunks. A drawn signature (shared/estimates/signature-image.ts) and an uploaded
 * picture (shared/media/image-check.ts) are both checked with these before anything is inflated.
 */
export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
}

const pngMagic = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The PNG's IHDR, read without touching the rest of the file: the format puts it first, right
 * after the signature bytes, 13 bytes long. Null when the bytes are not a PNG that starts so.
 */
export function readPngHeader(png: Uint8Array): PngHeader | null {
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (bytes.length < 8 + 8 + 13 || !bytes.subarray(0, 8).equals(pngMagic)) return null;
  if (bytes.readUInt32BE(8) !== 13 || bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  return {
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
    bitDepth: bytes[24]!,
    colorType: bytes[25]!,
    interlaced: bytes[28] !== 0,
  };
}

/** The chunks, in order, up to IEND (a chunk cut short ends the list). */
export function readChunks(png: Buffer): { type: string; data: Buffer }[] {
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
