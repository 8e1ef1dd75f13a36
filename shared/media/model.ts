/** A branding image a business uploads (a logo, a technician's photo): pending until checked, then published. */
import type { MediaType } from '../contract/business/media';

export interface MediaRecord {
  businessId: string;
  id: string;
  contentType: MediaType;
  sizeBytes: number;
  /** Where the business's upload lands: private, never served, removed by the bucket's lifecycle rule. */
  uploadKey: string;
  status: 'pending' | 'ready';
  createdAt: string;
  /** Once published: the portal path it is served at (`/media/<biz>/<sha256>.<ext>`), and its size in pixels. */
  url: string | null;
  width: number | null;
  height: number | null;
}
