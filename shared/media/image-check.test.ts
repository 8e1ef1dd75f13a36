/** Rule 73, the check alone: the signature, the size from the header, and a PNG's bounded data. */
import { deflateSync } from 'node:zlib';
import { demoPng, pngOf } from '../../infra/local/demo-files';
import { checkImage } from './image-check';

const jpegOf = (width: number, height: number) =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00]), Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]), Buffer.from([0xff, 0xd9])]);
const webpLossless = (width: number, height: number) => {
  const bytes = Buffer.alloc(40);
  bytes.write('RIFF', 0, 'latin1');
  bytes.writeUInt32LE(32, 4);
  bytes.write('WEBPVP8L', 8, 'latin1');
  bytes.writeUInt32LE(20, 16);
  bytes[20] = 0x2f;
  bytes.writeUInt32LE(((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14), 21);
  return bytes;
};

test('real PNG, JPEG and WebP pictures pass, with their size', () => {
  expect(checkImage('image/png', demoPng(120, 60, [1, 2, 3]))).toEqual({ ok: true, width: 120, height: 60 });
  expect(checkImage('image/jpeg', jpegOf(300, 200))).toEqual({ ok: true, width: 300, height: 200 });
  expect(checkImage('image/webp', webpLossless(64, 32))).toEqual({ ok: true, width: 64, height: 32 });
});

test('bytes of another type, or a web page, are refused naming contentType', () => {
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
  for (const [type, bytes] of [['image/png', svg], ['image/jpeg', demoPng(64, 64, [0, 0, 0])], ['image/webp', jpegOf(64, 64)], ['image/png', Buffer.from('<html><script>x</script>')]] as const) {
    expect(checkImage(type, bytes)).toMatchObject({ ok: false, field: 'contentType' });
  }
});

test('too small, too large, or PNG data larger than its header → refused naming file', () => {
  expect(checkImage('image/png', demoPng(8, 8, [0, 0, 0]))).toMatchObject({ ok: false, field: 'file' });
  expect(checkImage('image/jpeg', jpegOf(4096, 100))).toMatchObject({ ok: false, field: 'file' });
  expect(checkImage('image/png', pngOf(100, 100, 2, deflateSync(Buffer.alloc(10_000_000))))).toMatchObject({ ok: false, field: 'file', message: expect.stringContaining('more data') });
});
