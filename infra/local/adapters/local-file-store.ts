/**
 * Attachment files for the local stack: kept under .data/files (or in memory), downloaded and
 * uploaded through short-lived HMAC-signed URLs that the local gateway checks, as S3 checks its
 * presigned URLs on AWS (an upload URL accepts only the signed type and exact size).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FileStorage } from '../../../shared/files/port';

export const localFilesPath = '/dev/files/';
export const localUploadsPath = '/dev/uploads/';
/** Where a browser's form upload posts, as it would to the bucket's own URL on AWS. */
export const localUploadFormPath = '/dev/uploads/form';

export type OpenResult = { ok: true; file: StoredFile } | { ok: false; reason: 'invalid' | 'expired' | 'missing' };

export interface StoredFile {
  body: Buffer;
  contentType: string;
  fileName: string;
}

export class LocalFileStore implements FileStorage {
  private readonly memory = new Map<string, { body: Buffer; contentType: string }>();
  /** Per process: URLs from an earlier run stop working, as expired ones would. */
  private readonly signingKey = randomBytes(32);

  /** `portalOrigin` is a function: the local stack learns its port only after it starts listening. */
  constructor(private readonly portalOrigin: () => string, private readonly dir: string | null) {}

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    if (!this.dir) {
      this.memory.set(key, { body, contentType });
      return;
    }
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, body);
    await writeFile(`${path}.content-type`, contentType);
  }

  async signedDownloadUrl(key: string, fileName: string, expiresAt: Date): Promise<string> {
    const expires = String(Math.floor(expiresAt.getTime() / 1000));
    const query = new URLSearchParams({ key, name: fileName, expires, signature: this.sign(key, fileName, expires) });
    return `${this.portalOrigin()}${localFilesPath}?${query}`;
  }

  async signedUploadUrl(key: string, contentType: string, sizeBytes: number, expiresAt: Date): Promise<string> {
    const expires = String(Math.floor(expiresAt.getTime() / 1000));
    const size = String(sizeBytes);
    const query = new URLSearchParams({ key, type: contentType, size, expires, signature: this.sign(`PUT\n${key}`, `${contentType}\n${size}`, expires) });
    return `${this.portalOrigin()}${localUploadsPath}?${query}`;
  }

  async signedUploadForm(key: string, contentType: string, sizeBytes: number, expiresAt: Date): Promise<{ url: string; fields: Record<string, string> }> {
    const expires = String(Math.floor(expiresAt.getTime() / 1000));
    const size = String(sizeBytes);
    return { url: `${this.portalOrigin()}${localUploadFormPath}`, fields: { key, 'Content-Type': contentType, size, expires, signature: this.sign(`POST\n${key}`, `${contentType}\n${size}`, expires) } };
  }

  async copy(fromKey: string, toKey: string): Promise<void> {
    const found = await this.read(fromKey);
    if (!found) throw new Error(`No file to copy at ${fromKey}`);
    await this.put(toKey, found.body, found.contentType);
  }

  async head(key: string): Promise<{ sizeBytes: number; contentType: string } | null> {
    const found = await this.read(key);
    return found ? { sizeBytes: found.body.length, contentType: found.contentType } : null;
  }

  async readStart(key: string, bytes: number): Promise<Buffer | null> {
    const found = await this.read(key);
    return found ? found.body.subarray(0, bytes) : null;
  }

  async delete(key: string): Promise<void> {
    if (!this.dir) {
      this.memory.delete(key);
      return;
    }
    const path = this.pathOf(key);
    await rm(path, { force: true });
    await rm(`${path}.content-type`, { force: true });
  }

  /** A published image (`media/…`), as CloudFront's `/media/*` behaviour reads it from the bucket; nothing outside `media/`. */
  async published(key: string): Promise<{ body: Buffer; contentType: string } | null> {
    return key.startsWith('media/') ? this.read(key) : null;
  }

  /** The file a signed download URL's query grants. A wrong signature is `invalid`, a late one `expired`. */
  async open(query: URLSearchParams, now: Date): Promise<OpenResult> {
    const key = query.get('key') ?? '';
    const fileName = query.get('name') ?? '';
    const expires = query.get('expires') ?? '';
    if (!this.verify(query.get('signature'), this.sign(key, fileName, expires))) return { ok: false, reason: 'invalid' };
    if (Number(expires) * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
    const found = await this.read(key);
    return found ? { ok: true, file: { ...found, fileName } } : { ok: false, reason: 'missing' };
  }

  /** Stores a PUT to a signed upload URL, if the signature, expiry, type and exact size all match. */
  async upload(query: URLSearchParams, contentType: string, body: Buffer, now: Date): Promise<'stored' | 'invalid' | 'expired' | 'mismatch'> {
    const key = query.get('key') ?? '';
    const type = query.get('type') ?? '';
    const size = query.get('size') ?? '';
    const expires = query.get('expires') ?? '';
    if (!this.verify(query.get('signature'), this.sign(`PUT\n${key}`, `${type}\n${size}`, expires))) return 'invalid';
    if (Number(expires) * 1000 <= now.getTime()) return 'expired';
    if (contentType.split(';')[0]!.trim().toLowerCase() !== type || String(body.length) !== size) return 'mismatch';
    await this.put(key, body, type);
    return 'stored';
  }

  /**
   * Stores a form upload (multipart fields, then `file`) if its signed fields all match, as S3
   * checks a POST policy: the signature, the expiry, the type and the exact size.
   */
  async uploadForm(form: FormData, now: Date): Promise<'stored' | 'invalid' | 'expired' | 'mismatch'> {
    const field = (name: string) => { const value = form.get(name); return typeof value === 'string' ? value : ''; };
    const [key, type, size, expires] = [field('key'), field('Content-Type'), field('size'), field('expires')];
    if (!this.verify(field('signature'), this.sign(`POST\n${key}`, `${type}\n${size}`, expires))) return 'invalid';
    if (Number(expires) * 1000 <= now.getTime()) return 'expired';
    const file = form.get('file');
    if (!file || typeof file === 'string') return 'mismatch';
    const body = Buffer.from(await file.arrayBuffer());
    if (String(body.length) !== size) return 'mismatch';
    await this.put(key, body, type);
    return 'stored';
  }

  private async read(key: string): Promise<{ body: Buffer; contentType: string } | null> {
    if (!this.dir) return this.memory.get(key) ?? null;
    try {
      const path = this.pathOf(key);
      return { body: await readFile(path), contentType: await readFile(`${path}.content-type`, 'utf8') };
    } catch {
      return null;
    }
  }

  private verify(given: string | null, wanted: string): boolean {
    const a = Buffer.from(given ?? '', 'base64url');
    const b = Buffer.from(wanted, 'base64url');
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private sign(key: string, fileName: string, expires: string): string {
    return createHmac('sha256', this.signingKey).update(`${key}\n${fileName}\n${expires}`).digest('base64url');
  }

  /** Each key segment percent-encoded: any key maps to one file inside `dir`, never outside it. */
  private pathOf(key: string): string {
    return join(this.dir!, ...key.split('/').map((segment) => encodeURIComponent(segment).replace(/^\.+$/, (dots) => '%2E'.repeat(dots.length))));
  }
}
