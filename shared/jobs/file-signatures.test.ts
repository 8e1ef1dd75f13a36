/** Rule 60: the magic-number table, one row per allowed attachment type. */
import { attachmentTypes } from '../contract/business/jobs';
import { fileSignatures, matchesDeclaredType } from './file-signatures';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

const samples: Record<(typeof attachmentTypes)[number], Buffer> = {
  'application/pdf': bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj'),
  'image/png': bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR'),
  'image/jpeg': bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF\0'),
  'image/webp': bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '),
  'image/heic': bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1heic'),
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
