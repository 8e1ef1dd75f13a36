/** The portal's first-load JavaScript, as the frontend build lists it, gzipped at level 9. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface BuildManifest {
  html: string;
  firstLoadJs: string[];
  css: string[];
  sizes: Record<string, { bytes: number; gzipBytes: number }>;
}

export interface FirstLoadJs {
  files: { file: string; bytes: number; gzipBytes: number }[];
  bytes: number;
  gzipBytes: number;
}

export function measureFirstLoadJs(distDir: string): FirstLoadJs {
  const manifest = JSON.parse(readFileSync(join(distDir, 'build-manifest.json'), 'utf8')) as BuildManifest;
  if (!Array.isArray(manifest.firstLoadJs) || manifest.firstLoadJs.length === 0) {
    throw new Error('frontend/dist/build-manifest.json lists no firstLoadJs files');
  }
  const files = manifest.firstLoadJs.map((file) => {
    const code = readFileSync(join(distDir, file));
    return { file, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
  });
  return {
    files,
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
  };
}
