/** The drawn signature's PNG checks, bounded before anything is inflated (security.md rule 53). */
import { deflateSync } from 'node:zlib';
import { pngOf, signaturePng } from '../../infra/local/demo-files';
import { checkSignatureImage, signatureImageRules } from './signature-image';
import { readPngHeader } from '../files/png';

const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;
const bytesOf = (url: string) => Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
/** What the check costs: its answer, and how much the process's memory grew meanwhile. */
function measured(url: string) {
  const before = process.memoryUsage().rss;
  const started = performance.now();
  const result = checkSignatureImage(url);
  return { result, ms: performance.now() - started, grewBytes: process.memoryUsage().rss - before };
}

test('rule 53: the header is read from the IHDR right after the signature bytes', () => {
  expect(readPngHeader(bytesOf(signaturePng(400, 640, 160)))).toEqual({ width: 640, height: 160, bitDepth: 8, colorType: 6, interlaced: false });
  expect(readPngHeader(pngOf(4_000_000_000, 7, 2, Buffer.alloc(0)))).toMatchObject({ width: 4_000_000_000, height: 7, colorType: 2 });
});

test('rule 53: bytes that are not a PNG starting with its IHDR have no header', () => {
  const png = bytesOf(signaturePng(400));
  expect(readPngHeader(Buffer.from('GIF89a, not a png at all, quite long'))).toBeNull();
  expect(readPngHeader(png.subarray(0, 20))).toBeNull(); // cut inside the header
  const otherChunkFirst = Buffer.from(png);
  otherChunkFirst.write('tEXt', 12, 'latin1');
  expect(readPngHeader(otherChunkFirst)).toBeNull();
  const wrongLength = Buffer.from(png);
  wrongLength.writeUInt32BE(14, 8);
  expect(readPngHeader(wrongLength)).toBeNull();
});

test('rule 53: a header claiming a huge picture is refused before anything is inflated', () => {
  // 10^6 × 10^6 RGBA would be 4 TB; its data here is a bomb too, which is never reached.
  const { result, ms, grewBytes } = measured(dataUrl(pngOf(1_000_000, 1_000_000, 6, deflateSync(Buffer.alloc(100_000_000)))));
  expect(result).toEqual({ ok: false, message: `must be at most ${signatureImageRules.maxWidth}×${signatureImageRules.maxHeight} pixels` });
  expect(ms).toBeLessThan(50);
  expect(grewBytes).toBeLessThan(20_000_000);
  expect(checkSignatureImage(dataUrl(pngOf(signatureImageRules.maxWidth + 1, 100, 6, Buffer.alloc(0)))).ok).toBe(false);
  expect(checkSignatureImage(dataUrl(pngOf(300, signatureImageRules.maxHeight + 1, 6, Buffer.alloc(0)))).ok).toBe(false);
  expect(checkSignatureImage(dataUrl(pngOf(0, 100, 6, Buffer.alloc(0)))).ok).toBe(false);
});

test('rule 53: a bomb (a small header over 145 MB of data) stops at the bytes its size needs', () => {
  const bomb = dataUrl(pngOf(300, 100, 6, deflateSync(Buffer.alloc(145_000_000))));
  expect(bomb.length).toBeLessThan(200_000); // it fits the body's 200 KB for a signature
  const { result, ms, grewBytes } = measured(bomb);
  expect(result).toEqual({ ok: false, message: 'holds more image data than its 300×100 pixels' });
  expect(ms).toBeLessThan(100);
  expect(grewBytes).toBeLessThan(20_000_000);
});

test('rule 53: the largest pad a large-font reader gets is still accepted; short or broken data is not', () => {
  const { maxWidth, maxHeight } = signatureImageRules;
  expect(checkSignatureImage(signaturePng(maxWidth * 4, maxWidth, maxHeight)).ok).toBe(true);
  expect(checkSignatureImage(signaturePng(400, 1344, 320)).ok).toBe(true); // the pad at 2× and a 16 px font
  const short = dataUrl(pngOf(300, 100, 6, deflateSync(Buffer.alloc(300 * 4 * 50))));
  expect(checkSignatureImage(short)).toEqual({ ok: false, message: 'must be a readable PNG image' });
  expect(checkSignatureImage(dataUrl(pngOf(300, 100, 6, Buffer.from('not zlib at all'))))).toEqual({ ok: false, message: 'must be a readable PNG image' });
  expect(checkSignatureImage(signaturePng(0))).toEqual({ ok: false, message: 'is empty: draw your signature in the box' });
});
