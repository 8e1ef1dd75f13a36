

export interface FileLinks {
  /** A URL anyone holding it can download from until `expiresAt`. */
  signedDownloadUrl(key: string, fileName: string, expiresAt: Date): Promise<string>;
}

/** Upload URLs work for 15 minutes (a job's attachment, a branding image). */
export const uploadUrlLifetimeMs = 15 * 60_000;

/** Storing files: upload URLs for the business API, checking what arrived, and files the portal makes. */
export interface FileStorage extends FileLinks {
  /** A URL that accepts exactly one PUT of `sizeBytes` bytes of `contentType` until `expiresAt`. */
  signedUploadUrl(key: string, contentType: string, sizeBytes: number, expiresAt: Date): Promise<string>;
  /**
   * A browser form upload (an S3 presigned POST): `fields` then the file, posted as
   * multipart/form-data to `url`, accepted until `expiresAt` for exactly this key, this
   * `Content-Type` and exactly `sizeBytes` bytes. The signed policy is the whole authority.
   */
  signedUploadForm(key: string, contentType: string, sizeBytes: number, expiresAt: Date): Promise<{ url: string; fields: Record<string, string> }>;
  /** Copies an object to another key inside the same storage (a server-side copy: the bytes never pass through the function). */
  copy(fromKey: string, toKey: string): Promise<void>;
  /** Stores a file the portal made itself (an estimate's PDF). */
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The stored object's size and type, or null when nothing was uploaded. */
  head(key: string): Promise<{ sizeBytes: number; contentType: string } | null>;
  /** The object's first `bytes` bytes (fewer when it is shorter), or null when there is none: a ranged GET. */
  readStart(key: string, bytes: number): Promise<Buffer | null>;
  /** Removes an object: only the upload check has this, to throw away a file that is not what it claims (rule 60). */
  delete(key: string): Promise<void>;
}

/** What signing upload URLs and storing the portal's own files needs: everything but deleting. */
export type FileUploads = Omit<FileStorage, 'delete'>;
