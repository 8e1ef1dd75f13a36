/**
 * `logoUrl` and `photoUrl` name an image of the caller's own business only (security.md rule 74):
 * another business's media path is refused like any value that is not the caller's own upload.
 * Small on purpose: the settings and tracking functions import it without the upload code.
 */
import { mediaPathOwner } from '../contract/business/media';
import { InvalidInput } from '../kernel/errors';

export function checkOwnMediaUrl(businessId: string, url: string | null | undefined, field: string): void {
  if (url && mediaPathOwner(url) !== businessId) throw new InvalidInput([{ field, message: 'must be the url of an image your business uploaded through POST media' }]);
}
