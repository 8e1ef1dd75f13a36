/**
 * Rule 58: every top-level path the site routes itself is reserved, so no business's portal can
 * sit where it would never be reached. The segments are read from the real routing, so adding a
 * top-level path without reserving it fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { ClaimableSlug, Slug } from '../api/contract';
import { routes } from '../routes';
import { spaRewriteFunctionCode } from '../../infra/stack/spa-rewrite';
import { localFilesPath, localUploadsPath } from '../../infra/local/adapters/local-file-store';
import { isReservedSlug, reservedSlugs, routedTopLevelSegments } from './reserved-slugs';

const root = join(__dirname, '..', '..');
const code = (file: string) =>
  readFileSync(join(root, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');

/** The first segment of every string literal in `source` that starts with `/`, when it could be a slug. */
const literalTopSegments = (source: string) =>
  [...source.matchAll(/['"`]\/([A-Za-z0-9_.-]+)/g)].map((m) => m[1]!).filter((segment) => v.is(Slug, segment));

const firstSegment = (path: string) => path.split('/')[1]!;

test('rule 58: the API routes, the local gateway, the CloudFront behaviors and the local file URLs only use reserved top-level segments', () => {
  const used = new Set([
    ...routes.map((r) => firstSegment(r.path)),
    firstSegment(localFilesPath),
    firstSegment(localUploadsPath),
    ...literalTopSegments(code('infra/local/gateway.ts')),
    ...literalTopSegments(code('infra/local/adapters/local-file-store.ts')),
    ...literalTopSegments(code('infra/stack/portal-web.ts')),
  ]);
  expect(used.size).toBeGreaterThanOrEqual(2); // api and dev at least: the scan found something
  for (const segment of used) expect([segment, isReservedSlug(segment)]).toEqual([segment, true]);
});

test('rule 58: the frontend build\'s top-level files and folders, and the tracking page\'s name, are reserved', () => {
  const build = code('frontend/build.ts');
  const folders = [...build.matchAll(/join\(dist, '([^'./]+)'\)/g)].map((m) => m[1]!);
  const pages = [...build.matchAll(/'([a-z0-9-]+)\.html'/g)].map((m) => m[1]!);
  expect(folders).toContain('assets');
  expect(pages).toEqual(expect.arrayContaining(['index', 'track']));
  const rewritten = [...spaRewriteFunctionCode.matchAll(/\\\/([a-z]+)\\\//g)].map((m) => m[1]!);
  expect(rewritten).toContain('track');
  for (const segment of [...folders, ...pages, ...rewritten]) expect([segment, isReservedSlug(segment)]).toEqual([segment, true]);
});

test('rule 58: a business cannot take a reserved slug; other slugs pass', () => {
  for (const slug of routedTopLevelSegments) expect([slug, v.is(ClaimableSlug, slug)]).toEqual([slug, false]);
  for (const slug of reservedSlugs) expect(v.is(Slug, slug)).toBe(true); // each is a real slug shape, or reserving it would be pointless
  expect(v.is(ClaimableSlug, 'acme')).toBe(true);
  expect(v.is(ClaimableSlug, 'api-plumbing')).toBe(true);
});
