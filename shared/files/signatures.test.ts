/** Rules 60 and 84: the magic-number table, one row per type an attachment or a customer's upload may be. */
import { attachmentTypes as businessTypes } from '../contract/business/jobs';
import { uploadTypes } from '../contract/customer/uploads';
import { fileSignatures, matchesDeclaredType } from './signatures';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

const attachmentTypes = [...new Set([...businessTypes, ...uploadTypes.request, ...uploadTypes.form])];

const samples: Record<(typeof attachmentTypes)[number], Buffer> = {
  'application/pdf': bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj'),
  'image/png': bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR'),
  'image/jpeg': bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF\0'),
  'image/webp': bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '),
  'image/heic': bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1heic'),
  'video/mp4': bytes([0, 0, 0, 0x20], 'ftypisom', [0, 0, 2, 0], 'isomiso2avc1mp41'),
  'video/quicktime': bytes([0, 0, 0, 0x14], 'ftypqt  ', [0, 0, 0, 0], 'qt  '),
  'video/webm': bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0xf2, 0x81, 0x04, 0x42, 0xf3, 0x81, 0x08, 0x42, 0x82, 0x84], 'webm'),
  'text/plain': bytes('Meter reading: 1234\nNext visit in May\n'),
  'text/csv': bytes('part,qty\nvalve,2\n'),
};
const html = bytes('<!DOCTYPE html><html><script>alert(1)</script>');

test('rule 60: every allowed type has a row, and its own sample matches it', () => {
  expect(Object.keys(fileSignatures).sort()).toEqual([...attachmentTypes].sort());
  for (const type of attachmentTypes) expect([type, matchesDeclaredType(type, samples[type])]).toEqual([type, true]);
});

test('rule 60: HTML, empty files and other types\' bytes never pass as a binary type', () => {
  for (const type of attachmentTypes.filter((t) => !t.startsWith('text/'))) {
    expect([type, matchesDeclaredType(type, html)]).toEqual([type, false]);
    expect([type, matchesDeclaredType(type, Buffer.alloc(0))]).toEqual([type, false]);
    for (const other of attachmentTypes.filter((t) => t !== type && !t.startsWith('text/'))) expect([type, other, matchesDeclaredType(type, samples[other])]).toEqual([type, other, false]);
  }
});

test('rule 60: text types refuse binary content (a NUL byte) and web pages', () => {
  for (const type of ['text/plain', 'text/csv']) {
    expect(matchesDeclaredType(type, html)).toBe(false);
    expect(matchesDeclaredType(type, bytes('  <svg onload=x>'))).toBe(false);
    expect(matchesDeclaredType(type, samples['image/png'])).toBe(false);
  }
  expect(matchesDeclaredType('text/html', html)).toBe(false);
  expect(matchesDeclaredType('toString', html)).toBe(false);
});

test('rule 84: a Matroska file is not a WebM, an older QuickTime movie starts with its atom, and a HEIC photo is not a video', () => {
  const mkv = bytes([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x82, 0x88], 'matroska');
  expect(matchesDeclaredType('video/webm', mkv)).toBe(false);
  expect(matchesDeclaredType('video/quicktime', bytes([0, 0, 0x10, 0], 'moov'))).toBe(true);
  expect(matchesDeclaredType('video/mp4', samples['image/heic'])).toBe(false);
  expect(matchesDeclaredType('video/quicktime', samples['video/mp4'])).toBe(false);
});
