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

export interface PageLoad extends FirstLoadJs {
  /** The chunks that load the map (Leaflet): fetched only after the page's text has rendered. */
  lazyGzipBytes: number;
}

/**
 * One page's first load (the tracking page has its own entry: `pages.<name>` in the manifest),
 * and its map chunks: lazy chunks holding Leaflet.
 */
export function measurePageLoad(distDir: string, page: string): PageLoad {
  const manifest = JSON.parse(readFileSync(join(distDir, 'build-manifest.json'), 'utf8')) as BuildManifest & { lazyJs?: string[]; pages?: Record<string, { firstLoadJs: string[]; lazyJs?: string[] }> };
  const entry = manifest.pages?.[page];
  if (!entry?.firstLoadJs?.length) throw new Error(`frontend/dist/build-manifest.json lists no first-load files for the ${page} page`);
  const gzip = (file: string) => gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length;
  const files = entry.firstLoadJs.map((file) => ({ file, bytes: readFileSync(join(distDir, file)).length, gzipBytes: gzip(file) }));
  const lazy = (entry.lazyJs ?? manifest.lazyJs ?? []).filter((file) => /leaflet/i.test(readFileSync(join(distDir, file), 'utf8')));
  return {
    files,
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
    lazyGzipBytes: lazy.reduce((sum, file) => sum + gzip(file), 0),
  };
}
