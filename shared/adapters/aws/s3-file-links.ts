/**
 * Short-lived download links to attachment files in a private S3 bucket: SigV4 presigned GETs.
 *
 * Signing a URL needs no S3 client, only the presigner: the full S3 client would add about
 * 150 KB to the job-page function and make its cold start the slowest of all (measured by
 * `npm run bench`). Credentials come from the Lambda environment.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, SourceData } from '@aws-sdk/types';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import type { FileLinks } from '../../domain/ports';

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

export class S3FileLinks implements FileLinks {
  private readonly presigner: S3RequestPresigner;

  constructor(
    private readonly bucket: string,
    private readonly region: string,
    credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider = fromEnv(),
    private readonly now: () => Date = () => new Date(),
  ) {
    this.presigner = new S3RequestPresigner({ region, credentials, sha256: NodeSha256 });
  }

  async signedDownloadUrl(key: string, fileName: string, expiresAt: Date): Promise<string> {
    const signingDate = this.now();
    const expiresIn = Math.max(1, Math.floor((expiresAt.getTime() - signingDate.getTime()) / 1000));
    const hostname = `${this.bucket}.s3.${this.region}.amazonaws.com`;
    const path = `/${key.split('/').map(escape).join('/')}`;
    const signed = await this.presigner.presign(
      { method: 'GET', protocol: 'https:', hostname, path, query: { 'response-content-disposition': contentDisposition(fileName) }, headers: { host: hostname } },
      { expiresIn, signingDate },
    );
    const query = Object.entries(signed.query ?? {})
      .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${escape(name)}=${escape(String(v))}`))
      .join('&');
    return `https://${hostname}${path}?${query}`;
  }
}

/** `attachment; filename*=UTF-8''…`: downloads keep their name, whatever characters it has. */
export const contentDisposition = (fileName: string): string =>
  `attachment; filename="${fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
