/**
 * Does an upload's content start like its declared type? (rules 60 and 84). The upload URL signs
 * the declared `Content-Type`, not the bytes, so HTML uploaded as `application/pdf` would otherwise
 * be published as a PDF. The check reads the first `signatureBytes` bytes of the object only:
 * the business's attachments, its branding images and the customers' photos, videos and PDFs.
 */
import type { attachmentTypes } from '../contract/business/jobs';
import type { UploadType } from '../contract/customer/uploads';

/** Enough for every row below: a WebM names its doctype within its first 40 or so bytes. */
export const signatureBytes = 64;

const ascii = (s: string) => Buffer.from(s, 'latin1');
const startsWith = (head: Buffer, magic: Buffer, at = 0) => head.length >= at + magic.length && head.subarray(at, at + magic.length).equals(magic);

/** HEIF brands a HEIC photo's `ftyp` box names first (iPhones write `heic`; bursts and sequences the others). */
const heifBrands = ['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1'];

/** The `ftyp` box's major brand (bytes 8–11), when the file starts with one. */
const ftypBrand = (head: Buffer): string | null => (startsWith(head, ascii('ftyp'), 4) && head.length >= 12 ? head.toString('latin1', 8, 12) : null);

/** Major brands of MP4 files as phones and cameras write them (ISO base media, MPEG-4, 3GPP). */
const mp4Brands = ['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'M4VH', 'M4VP', 'dash', 'mmp4', 'MSNV', '3gp4', '3gp5', '3gp6', '3g2a'];

/** A QuickTime movie: `ftyp qt  ` (every iPhone video), or an older file that starts straight with one of its atoms. */
const quickTimeAtoms = ['moov', 'mdat', 'wide', 'free', 'skip', 'pnot'];

/** An EBML header whose doctype is `webm` (a Matroska `.mkv` says `matroska`, and is not accepted). */
const isWebm = (head: Buffer) => startsWith(head, Buffer.from([0x1a, 0x45, 0xdf, 0xa3])) && head.includes(Buffer.from([0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d]));

/** Text files have no magic number: they must at least not be binary, nor a web page in disguise. */
const looksLikeText = (head: Buffer) => !head.includes(0) && !/^\s*<(!doctype|html|script|svg|\?xml)/i.test(head.toString('latin1'));

/** Per allowed type, whether the first bytes fit it. Typed by the allowed list: a new type needs a row. */
export const fileSignatures: Record<(typeof attachmentTypes)[number] | UploadType, (head: Buffer) => boolean> = {
  'application/pdf': (head) => startsWith(head, ascii('%PDF-')),
  'image/png': (head) => startsWith(head, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (head) => startsWith(head, Buffer.from([0xff, 0xd8, 0xff])),
  'image/webp': (head) => startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8),
  'image/heic': (head) => heifBrands.includes(ftypBrand(head) ?? ''),
  'video/mp4': (head) => mp4Brands.includes(ftypBrand(head) ?? ''),
  'video/quicktime': (head) => ftypBrand(head) === 'qt  ' || (head.length >= 8 && quickTimeAtoms.includes(head.toString('latin1', 4, 8))),
  'video/webm': isWebm,
  'text/plain': looksLikeText,
  'text/csv': looksLikeText,
};

export const matchesDeclaredType = (contentType: string, head: Buffer): boolean =>
  Object.hasOwn(fileSignatures, contentType) && fileSignatures[contentType as keyof typeof fileSignatures](head);
