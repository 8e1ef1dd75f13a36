/** Where a published image lives in the file store: its portal path without the leading slash (CloudFront's `/media/*` reads that key). */
export const mediaKeyOf = (url: string): string => url.replace(/^\//, '');
