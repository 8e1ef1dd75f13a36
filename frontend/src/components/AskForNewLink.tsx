/** The way on from a dead pay or estimate link: the business sends a new one. */
import type { PortalInfo } from '../../../shared/contract/customer/portal';
import { BusinessContact } from './BusinessContact';
import { t } from '../i18n/current';

export function AskForNewLink({ portal }: { portal: PortalInfo | null }) {
  if (!portal) return <p>{t('portal.newLink.unknownBusiness')}</p>;
  return <BusinessContact portal={portal} lead={t('portal.newLink.contact')} />;
}
