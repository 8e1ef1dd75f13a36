/**
 * Does an upload's content start like its declared type? (rule 60). The upload URL signs the
 * declared `Content-Type`, not the bytes, so HTML uploaded as `application/pdf` would otherwise
 * be published as a PDF. The check reads the first `signatureBytes` bytes of the object only.
 */
import type { attachmentTypes } from '../contract/business/jobs';

export const signatureBytes = 32;

const ascii = (s: string) => Buffer.from(s, 'latin1');
const startsWith = (head: Buffer, magic: Buffer, at = 0) => head.length >= at + magic.length && head.subarray(at, at + magic.length).equals(magic);

/** HEIF brands a HEIC photo's `ftyp` box names first (iPhones write `heic`; bursts and sequences the others). */
const heifBrands = ['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1'];

/** Text files have no magic number: they must at least not be binary, nor a web page in disguise. */
const looksLikeText = (head: Buffer) => !head.includes(0) && !/^\s*<(!doctype|html|script|svg|\?xml)/i.test(head.toString('latin1'));

/** Per allowed type, whether the first bytes fit it. Typed by the allowed list: a new type needs a row. */
export const fileSignatures: Record<(typeof attachmentTypes)[number], (head: Buffer) => boolean> = {
  'application/pdf': (head) => startsWith(head, ascii('%PDF-')),
  'image/png': (head) => startsWith(head, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (head) => startsWith(head, Buffer.from([0xff, 0xd8, 0xff])),
  'image/webp': (head) => startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8),
  'image/heic': (head) => startsWith(head, ascii('ftyp'), 4) && heifBrands.some((brand) => startsWith(head, ascii(brand), 8)),
  'text/plain': looksLikeText,
  'text/csv': looksLikeText,
};

export const matchesDeclaredType = (contentType: string, head: Buffer): boolean =>
  Object.hasOwn(fileSignatures, contentType) && fileSignatures[contentType as keyof typeof fileSignatures](head);
