/**
 * Attachment files for the local stack: kept under .data/files (or in memory), handed out
 * through short-lived HMAC-signed URLs that the local gateway checks, as S3 presigned URLs are
 * checked on AWS.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FileStore } from '../../../shared/domain/ports';

export const localFilesPath = '/dev/files/';

export interface StoredFile {
  body: Buffer;
  contentType: string;
  fileName: string;
}

export class LocalFileStore implements FileStore {
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

  /** The file a signed URL's query grants, or null when the signature is wrong or expired. */
  async open(query: URLSearchParams, now: Date): Promise<StoredFile | null> {
    const key = query.get('key') ?? '';
    const fileName = query.get('name') ?? '';
    const expires = query.get('expires') ?? '';
    const given = Buffer.from(query.get('signature') ?? '', 'base64url');
    const wanted = Buffer.from(this.sign(key, fileName, expires), 'base64url');
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return null;
    if (Number(expires) * 1000 <= now.getTime()) return null;
    if (!this.dir) {
      const found = this.memory.get(key);
      return found ? { ...found, fileName } : null;
    }
    try {
      const path = this.pathOf(key);
      return { body: await readFile(path), contentType: await readFile(`${path}.content-type`, 'utf8'), fileName };
    } catch {
      return null;
    }
  }

  private sign(key: string, fileName: string, expires: string): string {
    return createHmac('sha256', this.signingKey).update(`${key}\n${fileName}\n${expires}`).digest('base64url');
  }

  /** Each key segment percent-encoded: any key maps to one file inside `dir`, never outside it. */
  private pathOf(key: string): string {
    return join(this.dir!, ...key.split('/').map((segment) => encodeURIComponent(segment).replace(/^\.+$/, (dots) => '%2E'.repeat(dots.length))));
  }
}
