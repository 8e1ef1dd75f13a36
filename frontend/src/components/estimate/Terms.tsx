/** The estimate's terms, in full: shown before the signature, as what approving accepts. */
import { Section } from '../job/Section';
import { t } from '../../i18n/current';

export function Terms({ terms }: { terms: string }) {
  return (
    <Section id="terms" title={t('portal.terms.title')}>
      {terms.trim() ? <div class="terms prewrap">{terms}</div> : <p class="empty-inline">{t('portal.terms.none')}</p>}
    </Section>
  );
}
