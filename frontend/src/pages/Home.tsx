/** `/`: no business is known, so there is nothing to sign in to yet. */
import { Page } from '../components/Page';
import { t } from '../i18n/current';

export function Home() {
  return (
    <Page title={t('common.customerPortal')} heading={t('portal.home.heading')}>
      <p>{t('portal.home.text')}</p>
      <p>{t('portal.home.cantFind')}</p>
    </Page>
  );
}
