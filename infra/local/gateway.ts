/**
 * The local gateway: what API Gateway and CloudFront do on AWS, in one small HTTP server.
 * `/api/*` becomes an HTTP API v2 event for the handler the route table names; everything
 * else is the built portal (index.html for app routes), with the same security headers.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { routeKey, routes, subscriberByName, type RouteDef } from '../../shared/routes';
import { textReplyEvent } from './text-reply-event';
import { mediaHeaders, securityHeaders } from '../../shared/http/security-headers';
import { mediaPathOwner, mediaPathPrefix, mediaTypes } from '../../shared/contract/business/media';
import { contentDisposition } from '../../shared/adapters/aws/s3-files';
import { originVerifyHeader } from '../../shared/config/env-names';
import { maxAttachmentBytes } from '../../shared/contract/business/jobs';
import { spaRewrite } from '../stack/spa-rewrite';
import { lambdaContext } from './lambda-context';
import { localFilesPath, localUploadFormPath, localUploadsPath, type LocalFileStore } from './adapters/local-file-store';
import { maxUploadBytes } from '../../shared/contract/customer/uploads';
import type { Outbox } from './adapters/outbox';
import type { RecordingTransport } from './adapters/recording-transport';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

interface CompiledRoute {
  route: RouteDef;
  pattern: RegExp;
  params: string[];
  handler: () => Promise<Handler>;
}

/** API Gateway's body limit is 10 MB; our handlers refuse far less, but the gateway must not buffer without bound. */
const maxRequestBytes = 1024 * 1024;

export function compileRoutes(handlerOf: (entry: string) => Handler): CompiledRoute[] {
  // The most specific route first, as API Gateway matches: `/api/jobs/{jobId}/tracking` before `/api/jobs/{jobId}/{section}`.
  const bySpecificity = [...routes].sort((a, b) => (a.path.match(/\{/g) ?? []).length - (b.path.match(/\{/g) ?? []).length);
  return bySpecificity.map((route) => {
    const params: string[] = [];
    const source = route.path
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\{(\w+)\}/g, (_match, name: string) => {
        params.push(name);
        return '([^/]+)';
      });
    const pattern = new RegExp(`^${source}$`);
    return { route, pattern, params, handler: async () => handlerOf(route.entry) };
  });
}

export interface GatewayOptions {
  /** The handler of a route's entry file, built over the stack's composition root (infra/local/wiring.ts). */
  handlerOf: (entry: string) => Handler;
  staticDir: string;
  outbox: Outbox;
  files: LocalFileStore;
  webhooks: RecordingTransport;
  /** What CloudFront adds on AWS: the secret origin header (so the viewer address is believed). */
  originSecret: string;
  /**
   * Tests only: take the viewer's IP from this request header instead of the socket, to act as
   * many visitors. CloudFront's own viewer-address header sent by a client is always replaced.
   */
  viewerIpHeader: string | null;
  /** The Stripe sandbox: its test controls (`/dev/stripe/*`) are served on the portal's origin too. */
  stripeSandbox: { handle(req: IncomingMessage, res: ServerResponse): Promise<void> } | null;
  /**
   * The security headers of the portal's own files, as the stage's CloudFront policy sends them
   * (with the sandbox's stand-in Stripe.js origin, locally); API answers keep the strict ones.
   */
  siteHeaders?: Readonly<Record<string, string>>;
}

/** The header CloudFront sets to the viewer's "ip:port" (and the functions read, with the origin secret). */
export const viewerAddressHeader = 'cloudfront-viewer-address';

export function createGateway(options: GatewayOptions): Server {
  const compiled = compileRoutes(options.handlerOf);
  return createServer((req, res) => {
    handle(req, res, compiled, options).catch((error: unknown) => {
      console.error('[gateway] unexpected error', error instanceof Error ? error.stack : error);
      if (!res.headersSent) send(res, 500, { 'content-type': 'application/problem+json' }, JSON.stringify({ type: 'about:blank', title: 'Gateway error', status: 500, detail: 'The local gateway failed.' }));
      else res.end();
    });
  });
}

function parseReply(body: Buffer | null): { from: string; body: string } | null {
  try {
    const parsed = JSON.parse(body?.toString('utf8') ?? '') as { from?: unknown; body?: unknown };
    return typeof parsed.from === 'string' && /^\+[1-9][0-9]{7,14}$/.test(parsed.from) && typeof parsed.body === 'string' ? { from: parsed.from, body: parsed.body } : null;
  } catch {
    return null;
  }
}

async function handle(req: IncomingMessage, res: ServerResponse, compiled: CompiledRoute[], options: GatewayOptions) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = (req.method ?? 'GET').toUpperCase();
  // As CloudFront and API Gateway do: a path that does not percent-decode is a bad request.
  try {
    decodeURIComponent(url.pathname);
  } catch {
    return sendProblem(res, 400, 'The request path is not valid percent-encoded UTF-8.');
  }

  if (url.pathname === '/dev/outbox' && method === 'GET') {
    return send(res, 200, { 'content-type': 'application/json', 'cache-control': 'no-store' }, JSON.stringify(options.outbox.messages()));
  }
  if (url.pathname === '/dev/webhooks' && method === 'GET') {
    return send(res, 200, { 'content-type': 'application/json', 'cache-control': 'no-store' }, JSON.stringify(options.webhooks.list()));
  }
  if (url.pathname === '/dev/sms/reply' && method === 'POST') {
    // The stand-in for a customer texting the portal's number: `{ "from": "+1555…", "body": "STOP" }`,
    // handed to the function SNS calls on AWS, as SNS would.
    const reply = parseReply(await readBody(req, 4096));
    if (!reply) return sendProblem(res, 400, 'Send {"from": "+15555550123", "body": "STOP"}: a phone number in E.164 and the text.');
    const subscriber = subscriberByName('receiveTextReply');
    await (options.handlerOf(subscriber.entry) as unknown as (event: unknown, context: Context) => Promise<unknown>)(textReplyEvent(reply), lambdaContext(subscriber.name));
    return send(res, 204, { 'cache-control': 'no-store' }, undefined);
  }
  if (url.pathname.startsWith('/dev/stripe/') && options.stripeSandbox) return options.stripeSandbox.handle(req, res);
  if (url.pathname === localFilesPath && (method === 'GET' || method === 'HEAD')) {
    const opened = await options.files.open(url.searchParams, new Date());
    if (!opened.ok) {
      if (opened.reason === 'invalid') return sendProblem(res, 403, 'This download link is invalid.');
      if (opened.reason === 'expired') return sendProblem(res, 410, 'This download link has expired. Open the job again for a fresh link.');
      return sendProblem(res, 404, 'This file no longer exists.');
    }
    const { file } = opened;
    return send(res, 200, { 'content-type': file.contentType, 'content-disposition': contentDisposition(file.fileName), 'cache-control': 'private, no-store' }, method === 'HEAD' ? undefined : file.body);
  }
  if (url.pathname.startsWith(mediaPathPrefix) && (method === 'GET' || method === 'HEAD')) {
    // As CloudFront's /media/* behaviour: the object under the same key, with the media headers (rule 74).
    const found = mediaPathOwner(url.pathname) ? await options.files.published(url.pathname.slice(1)) : null;
    if (!found || !(mediaTypes as readonly string[]).includes(found.contentType)) return sendProblem(res, 404, 'Not found.');
    return send(res, 200, { ...mediaHeaders, 'content-type': found.contentType }, method === 'HEAD' ? undefined : found.body);
  }
  if (url.pathname === localUploadFormPath && method === 'POST') {
    // A browser's presigned POST (customers' photos, videos and PDFs): multipart, as S3 takes it.
    const body = await readBody(req, maxUploadBytes + 64 * 1024);
    if (body === null) return sendProblem(res, 413, 'The file is larger than this upload allows.');
    const form = await new Response(new Uint8Array(body), { headers: { 'content-type': String(req.headers['content-type'] ?? '') } }).formData().catch(() => null);
    const outcome = form ? await options.files.uploadForm(form, new Date()) : 'mismatch';
    if (outcome === 'stored') return send(res, 204, { 'cache-control': 'no-store' }, undefined);
    if (outcome === 'invalid') return sendProblem(res, 403, 'This upload form is invalid.');
    if (outcome === 'expired') return sendProblem(res, 403, 'This upload form has expired. Ask for a new one.');
    return sendProblem(res, 400, 'The file does not match the type and size this upload was made for.');
  }
  if (url.pathname === localUploadsPath && method === 'PUT') {
    const body = await readBody(req, maxAttachmentBytes);
    if (body === null) return sendProblem(res, 413, 'The file is larger than this upload URL allows.');
    const outcome = await options.files.upload(url.searchParams, String(req.headers['content-type'] ?? ''), body, new Date());
    if (outcome === 'stored') return send(res, 200, { 'cache-control': 'no-store' }, undefined);
    if (outcome === 'invalid') return sendProblem(res, 403, 'This upload URL is invalid.');
    if (outcome === 'expired') return sendProblem(res, 403, 'This upload URL has expired. Ask for a new one.');
    return sendProblem(res, 400, 'The file does not match the type and size this upload URL was made for.');
  }
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
    for (const entry of compiled) {
      if (entry.route.method !== method) continue;
      const match = entry.pattern.exec(url.pathname);
      if (!match) continue;
      const body = await readBody(req, maxRequestBytes);
      if (body === null) return sendProblem(res, 413, 'The request body is too large.');
      const pathParameters = Object.fromEntries(entry.params.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
      const event = toEvent(req, url, entry.route, pathParameters, body, asCloudFront(req, options));
      const result = await (await entry.handler())(event, lambdaContext(entry.route.name));
      return sendResult(res, result);
    }
    const pathKnown = compiled.some((c) => c.pattern.test(url.pathname));
    return sendProblem(res, pathKnown ? 405 : 404, pathKnown ? `${method} is not allowed here.` : 'There is no such API endpoint.');
  }
  if (method !== 'GET' && method !== 'HEAD') return sendProblem(res, 405, `${method} is not allowed here.`);
  return serveStatic(res, url.pathname, options.staticDir, method === 'HEAD', req.headers['accept-encoding'], options.siteHeaders ?? securityHeaders);
}

/**
 * What CloudFront adds before the request reaches API Gateway: the viewer's address and the
 * secret origin header. Whatever a client sent under those names is replaced, as CloudFront does.
 */
function asCloudFront(req: IncomingMessage, options: GatewayOptions): Record<string, string> {
  const socketIp = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const claimed = options.viewerIpHeader ? req.headers[options.viewerIpHeader] : undefined;
  const ip = typeof claimed === 'string' && claimed ? claimed : socketIp;
  return { [viewerAddressHeader]: `${ip}:${req.socket.remotePort ?? 0}`, [originVerifyHeader]: options.originSecret };
}

/** The event API Gateway's HTTP API (payload v2) would build. */
export function toEvent(req: IncomingMessage, url: URL, route: RouteDef, pathParameters: Record<string, string>, body: Buffer, added: Record<string, string> = {}): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  Object.assign(headers, added);
  const cookies = (req.headers.cookie ?? '').split(';').map((c) => c.trim()).filter(Boolean);
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const contentType = headers['content-type'] ?? '';
  const isText = body.length === 0 || /^(application\/(json|.*\+json|x-www-form-urlencoded)|text\/)/i.test(contentType);
  const now = new Date();
  return {
    version: '2.0',
    routeKey: routeKey(route),
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0]!,
      http: {
        method: route.method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: routeKey(route),
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  };
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendResult(res: ServerResponse, result: APIGatewayProxyStructuredResultV2) {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  const body = result.body === undefined ? undefined : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(body);
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body?: string | Buffer) {
  res.writeHead(status, { ...securityHeaders, ...headers });
  res.end(body);
}

function sendProblem(res: ServerResponse, status: number, detail: string) {
  const titles: Record<number, string> = { 400: 'Bad request', 403: 'Forbidden', 404: 'Not found', 405: 'Method not allowed', 410: 'Gone', 413: 'Request too large' };
  const title = titles[status] ?? 'Error';
  send(res, status, { 'content-type': 'application/problem+json', 'cache-control': 'no-store' }, JSON.stringify({ type: 'about:blank', title, status, detail }));
}

/**
 * As CloudFront compresses what it serves from the bucket (the default behaviour compresses, and its
 * cache policy, CachingOptimized, takes gzip and Brotli): a text file of 1,000 bytes to 10 MB goes
 * out compressed when the browser accepts it, Brotli first. Without this the local portal would
 * weigh about three times what a phone gets from CloudFront (the bench's Lighthouse section).
 * API answers are not compressed: CloudFront compresses none with caching disabled.
 */
export function contentEncodingFor(acceptEncoding: string | undefined, contentType: string, bytes: number): 'br' | 'gzip' | null {
  if (bytes < 1000 || bytes > 10_000_000 || !/^(text\/|application\/json|image\/svg\+xml)/.test(contentType)) return null;
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !/^\s*q=0(\.0*)?\s*$/.test(q ?? ''))
      .map(([name]) => name!.trim().toLowerCase()),
  );
  return accepted.has('br') ? 'br' : accepted.has('gzip') ? 'gzip' : null;
}

/** Compressed once per file content and encoding: the files change only when the portal is rebuilt. */
const compressedCache = new Map<string, Buffer>();

function compressed(body: Buffer, encoding: 'br' | 'gzip'): Buffer {
  const key = `${encoding}:${createHash('sha256').update(body).digest('base64')}`;
  let out = compressedCache.get(key);
  if (!out) {
    // Brotli's quality 5 compresses about as well as gzip -9 in a few milliseconds, as an edge compressing on the fly does.
    out = encoding === 'br' ? brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length } }) : gzipSync(body);
    compressedCache.set(key, out);
  }
  return out;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * As CloudFront + the SPA rewrite, with the very code CloudFront runs (infra/stack/spa-rewrite.ts):
 * files by path, track.html for `/{slug}/track`, index.html for any other path whose last segment
 * has no dot.
 */
async function serveStatic(
  res: ServerResponse,
  pathname: string,
  staticDir: string,
  headOnly: boolean,
  acceptEncoding: string | undefined,
  siteHeaders: Readonly<Record<string, string>>,
) {
  const target = spaRewrite(pathname);
  const isPage = target !== pathname;
  const relative = normalize(decodeURIComponent(target)).replace(/^([/\\])+/, '');
  if (relative.startsWith('..')) return sendProblem(res, 404, 'Not found.');
  try {
    const body = await readFile(join(staticDir, relative));
    const hashed = relative.startsWith('assets/');
    const contentType = contentTypes[extname(relative)] ?? 'application/octet-stream';
    const encoding = contentEncodingFor(acceptEncoding, contentType, body.length);
    send(res, 200, {
      ...siteHeaders,
      'content-type': contentType,
      // Hashed assets never change; the pages must be re-checked so a deploy shows at once.
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'accept-encoding',
      ...(encoding ? { 'content-encoding': encoding } : {}),
    }, headOnly ? undefined : encoding ? compressed(body, encoding) : body);
  } catch {
    if (isPage) return sendProblem(res, 503, 'The portal has not been built: run `npm run build:frontend`.');
    return sendProblem(res, 404, 'Not found.');
  }
}
