/**
 * The business API: branding images (a logo, a technician's photo), uploaded in two steps like an
 * attachment and then served from the portal's own origin under `/media/…`, so the portal's CSP
 * (`img-src 'self'`) shows them. What `logoUrl` and `photoUrl` accept is a path this answers.
 */
import * as v from 'valibot';

/** Pictures every browser and the estimate PDF's library read (the PDF embeds PNG and JPEG). No SVG: it can carry script. */
export const mediaTypes = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type MediaType = (typeof mediaTypes)[number];

/** 1 MB: a logo or a face needs far less, and the PDF function reads the whole file. */
export const maxMediaBytes = 1024 * 1024;

/** Each side at most this many pixels (and at least 16): a 2048×2048 RGBA image decodes to 16 MB. */
export const mediaPixels = { min: 16, max: 2048 } as const;

/** The file extension a published image's name carries, by type. */
export const mediaExtensions: Record<MediaType, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/** Where the portal serves published images: `/media/<businessId>/<sha256 of the bytes>.<ext>`. */
export const mediaPathPrefix = '/media/';
const mediaPathPattern = /^\/media\/(biz_[0-9A-Za-z]{1,64})\/([0-9a-f]{64})\.(png|jpg|webp)$/;

/** The business a media path belongs to, or null when the text is not a media path at all. */
export const mediaPathOwner = (url: string): string | null => mediaPathPattern.exec(url)?.[1] ?? null;

/**
 * What a page may put in an `<img src>`: a published media path, never anything else. Older
 * settings hold arbitrary https URLs, which the CSP would block: those read as no image (the
 * portal shows the name or initials instead), while the business API still reports what is stored.
 */
export const shownImageUrl = (url: string | null | undefined): string | null => (url && mediaPathOwner(url) ? url : null);

/** `logoUrl` and `photoUrl`: the `url` a completed media upload answered (the business's own; checked against the key). */
export const MediaUrl = v.pipe(
  v.string('must be a string'),
  v.regex(mediaPathPattern, 'must be the url of an image uploaded through POST media (/media/<your business id>/<sha256>.<png|jpg|webp>)'),
);

export const CreateMediaBody = v.strictObject({
  contentType: v.picklist(mediaTypes, `must be one of ${mediaTypes.join(', ')} (SVG is not accepted)`),
  sizeBytes: v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1'), v.maxValue(maxMediaBytes, `must be at most ${maxMediaBytes} bytes (1 MB)`)),
});
export type CreateMediaBody = v.InferOutput<typeof CreateMediaBody>;

export const MediaIdPath = v.strictObject({ mediaId: v.pipe(v.string(), v.regex(/^med_[A-Za-z0-9]{22}$/, 'must be a media id')) });

export interface MediaView {
  id: string;
  contentType: MediaType;
  sizeBytes: number;
  status: 'pending' | 'ready';
  createdAt: string;
  /** Once ready: the path to give as `logoUrl` or `photoUrl`, served from the portal's own origin. */
  url: string | null;
  width: number | null;
  height: number | null;
}

/** What each route of this capability validates, by route name (shared/routes/). */
export const businessMediaSchemas = {
  createMedia: { body: CreateMediaBody },
  completeMedia: { path: MediaIdPath },
} as const;
