/**
 * Attachment files in a private S3 bucket, through SigV4 presigned URLs only: GET to download,
 * PUT (with its content type and exact length signed) to upload, a presigned POST policy for a
 * browser's form upload, HEAD and a ranged GET to check an upload, a PUT with a copy source to
 * keep one, DELETE to throw away one whose bytes are not its declared type.
 *
 * Signing a URL needs no S3 client, only the presigner: the full S3 client would add about
 * 150 KB to the job-page function and make its cold start the slowest of all (measured by
 * `npm run bench`). Credentials come from the Lambda environment.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, SourceData } from '@aws-sdk/types';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import type { FileStorage } from '../../files/port';

const toBytes = (data: SourceData): string | Uint8Array =>
  typeof data === 'string' ? data : data instanceof Uint8Array ? data : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);

/** SHA-256 and HMAC-SHA-256 from node:crypto, in the shape the SigV4 signer expects. */
class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(secret));
  }
  update(data: SourceData): void {
    this.hash.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

/** RFC 3986 escaping, as SigV4 canonicalises (encodeURIComponent leaves !'()* alone). */
const escape = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export class S3FileStorage implements FileStorage {
  private readonly presigner: S3RequestPresigner;
  /** Signs a POST policy: the same SigV4 key derivation as the presigner, over the policy's base64. */
  private readonly signer: SignatureV4;
  private readonly credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;

  constructor(
    private readonly bucket: string,
    private readonly region: string,
    credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider = fromEnv(),
    private readonly now: () => Date = () => new Date(),
  ) {
    this.presigner = new S3RequestPresigner({ region, credentials, sha256: NodeSha256 });
    this.signer = new SignatureV4({ service: 's3', region, credentials, sha256: NodeSha256 });
    this.credentials = credentials;
  }

  async signedDownloadUrl(key: string, fileName: string, expiresAt: Date): Promise<string> {
    return this.presign('GET', key, expiresAt, { 'response-content-disposition': contentDisposition(fileName) });
  }

  async signedUploadUrl(key: string, contentType: string, sizeBytes: number, expiresAt: Date): Promise<string> {
    // Both headers are signed: S3 refuses an upload of another type or length (the size limit).
    return this.presign('PUT', key, expiresAt, {}, { 'content-type': contentType, 'content-length': String(sizeBytes) });
  }

  async signedUploadForm(key: string, contentType: string, sizeBytes: number, expiresAt: Date): Promise<{ url: string; fields: Record<string, string> }> {
    const signingDate = this.now();
    const credentials = typeof this.credentials === 'function' ? await this.credentials() : this.credentials;
    const amzDate = signingDate.toISOString().replace(/[-:]|\.\d{3}/g, '');
    const fields: Record<string, string> = {
      key,
      'Content-Type': contentType,
      'x-amz-algorithm': 'AWS4-HMAC-SHA256',
      'x-amz-credential': `${credentials.accessKeyId}/${amzDate.slice(0, 8)}/${this.region}/s3/aws4_request`,
      'x-amz-date': amzDate,
      ...(credentials.sessionToken ? { 'x-amz-security-token': credentials.sessionToken } : {}),
    };
    // Every field is pinned to its exact value, and the body to the declared size: S3 refuses any other key, type or length.
    const policy = {
      expiration: expiresAt.toISOString(),
      conditions: [{ bucket: this.bucket }, ...Object.entries(fields).map(([name, value]) => ({ [name]: value })), ['content-length-range', sizeBytes, sizeBytes]],
    };
    const encoded = Buffer.from(JSON.stringify(policy)).toString('base64');
    const signature = await this.signer.sign(encoded, { signingDate });
    return { url: `https://${this.bucket}.s3.${this.region}.amazonaws.com/`, fields: { ...fields, Policy: encoded, 'X-Amz-Signature': signature } };
  }

  async copy(fromKey: string, toKey: string): Promise<void> {
    const source = `/${this.bucket}/${fromKey.split('/').map(escape).join('/')}`;
    const url = await this.presign('PUT', toKey, new Date(this.now().getTime() + 60_000), {}, { 'x-amz-copy-source': source });
    const response = await fetch(url, { method: 'PUT', headers: { 'x-amz-copy-source': source } });
    // A copy can fail after S3 has answered 200: the error is then in the body instead of CopyObjectResult.
    const body = response.ok ? await response.text() : '';
    if (!response.ok || !body.includes('<CopyObjectResult')) throw new Error(`S3 copy answered ${response.status}`);
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    // A presigned PUT, like an upload: no S3 client in the bundle (see the module comment).
    const url = await this.presign('PUT', key, new Date(this.now().getTime() + 60_000), {}, { 'content-type': contentType, 'content-length': String(body.length) });
    const response = await fetch(url, { method: 'PUT', body: new Uint8Array(body), headers: { 'content-type': contentType, 'content-length': String(body.length) } });
    if (!response.ok) throw new Error(`S3 PUT answered ${response.status}`);
  }

  async head(key: string): Promise<{ sizeBytes: number; contentType: string } | null> {
    const response = await fetch(await this.presign('HEAD', key, new Date(this.now().getTime() + 60_000)), { method: 'HEAD' });
    if (response.status === 404 || response.status === 403) return null;
    if (!response.ok) throw new Error(`S3 HEAD answered ${response.status}`);
    return { sizeBytes: Number(response.headers.get('content-length') ?? 0), contentType: response.headers.get('content-type') ?? '' };
  }

  async readStart(key: string, bytes: number): Promise<Buffer | null> {
    // The Range header is not signed: a presigned URL accepts it like any unsigned header.
    const response = await fetch(await this.presign('GET', key, new Date(this.now().getTime() + 60_000)), { headers: { range: `bytes=0-${bytes - 1}` } });
    if (response.status === 404 || response.status === 403) return null;
    if (!response.ok) throw new Error(`S3 GET answered ${response.status}`);
    return Buffer.from(await response.arrayBuffer()).subarray(0, bytes);
  }

  async delete(key: string): Promise<void> {
    const response = await fetch(await this.presign('DELETE', key, new Date(this.now().getTime() + 60_000)), { method: 'DELETE' });
    if (!response.ok && response.status !== 404) throw new Error(`S3 DELETE answered ${response.status}`);
  }

  private async presign(method: 'GET' | 'PUT' | 'HEAD' | 'DELETE', key: string, expiresAt: Date, query: Record<string, string> = {}, headers: Record<string, string> = {}): Promise<string> {
    const signingDate = this.now();
    const expiresIn = Math.max(1, Math.floor((expiresAt.getTime() - signingDate.getTime()) / 1000));
    const hostname = `${this.bucket}.s3.${this.region}.amazonaws.com`;
    const path = `/${key.split('/').map(escape).join('/')}`;
    const signed = await this.presigner.presign(
      { method, protocol: 'https:', hostname, path, query, headers: { host: hostname, ...headers } },
      // Signed headers stay headers: the presigner would otherwise hoist `x-amz-*` ones into the query.
      { expiresIn, signingDate, signableHeaders: new Set(Object.keys(headers)), unhoistableHeaders: new Set(Object.keys(headers)) },
    );
    const search = Object.entries(signed.query ?? {})
      .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${escape(name)}=${escape(String(v))}`))
      .join('&');
    return `https://${hostname}${path}?${search}`;
  }
}

/** `attachment; filename*=UTF-8''…`: downloads keep their name, whatever characters it has. */
export const contentDisposition = (fileName: string): string =>
  `attachment; filename="${fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
