/** The way on from a dead pay or estimate link: the business sends a new one. */
import type { PortalInfo } from '../../../shared/contract/customer/portal';
import { BusinessContact } from './BusinessContact';

export function AskForNewLink({ portal }: { portal: PortalInfo | null }) {
  if (!portal) return <p>Contact the business that sent you the link and ask for a new one.</p>;
  return <BusinessContact portal={portal} lead="For a new link, contact" />;
}
