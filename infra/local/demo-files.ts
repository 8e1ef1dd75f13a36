/**
 * Small but real files for the demo attachments (a one-page PDF, a PNG picture and a text
 * note) and for signing estimates in tests and the bench (a drawn signature), generated so that
 * no binary lives in the repository.
 */
import { deflateSync } from 'node:zlib';
import { crc32 } from '../../shared/kernel/ids';

export function demoPdf(title: string, lines: string[]): Buffer {
  const escape = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const text = [`BT /F1 18 Tf 56 760 Td (${escape(title)}) Tj ET`, ...lines.map((line, i) => `BT /F1 11 Tf 56 ${728 - i * 16} Td (${escape(line)}) Tj ET`)].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf);
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** A small RGB picture: a gradient with a band of the given colour (think "photo of the repair"). */
export function demoPng(width: number, height: number, band: [number, number, number]): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const inBand = y > height * 0.4 && y < height * 0.6;
      const pixel = inBand ? band : [Math.round((x / width) * 200) + 40, Math.round((y / height) * 160) + 60, 180];
      raw.set(pixel, row + 1 + x * 3);
    }
  }
  return encodePng(width, height, 2, raw);
}

/**
 * A drawn signature as the signature pad exports it: a transparent RGBA PNG data URL with a
 * stroke of `ink` pixels (0: a blank pad, which approval refuses).
 */
export function signaturePng(ink: number, width = 300, height = 100): string {
  const stride = width * 4 + 1;
  const raw = Buffer.alloc(height * stride);
  // A stroke across the middle, wrapping onto the next rows (and round the image) as ink grows.
  const span = Math.max(1, width - 20);
  for (let i = 0; i < ink; i++) {
    const x = (10 + (i % span)) % width;
    const y = (Math.floor(height / 2) + Math.floor(i / span)) % height;
    raw.set([20, 20, 60, 255], y * stride + 1 + x * 4);
  }
  return `data:image/png;base64,${encodePng(width, height, 6, raw).toString('base64')}`;
}

/** 8-bit PNG of rows already prefixed with their filter byte (`colorType` 2: RGB, 6: RGBA). */
function encodePng(width: number, height: number, colorType: 2 | 6, raw: Buffer): Buffer {
  return pngOf(width, height, colorType, deflateSync(raw));
}

/**
 * An 8-bit PNG from a header and already-compressed image data, which need not agree: tests use
 * it for PNGs whose header lies about their data (a decompression bomb, a huge size).
 */
export function pngOf(width: number, height: number, colorType: number, compressed: Buffer): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, colorType, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', compressed),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
