/**
 * The record of a decision as the customer can keep it: the option approved and its total, who
 * signed and how, when, through the portal or a link, and the fingerprint of exactly what was
 * shown; or that it was declined, and why. Its h2 takes focus right after deciding.
 */
import type { EstimateDetail } from '../../../../shared/contract/customer/estimates';
import type { PortalInfo } from '../../../../shared/contract/customer/portal';
import { formatDateTime, formatMoney } from '../../format';
import { BusinessContact } from '../BusinessContact';
import { t, tx } from '../../i18n/current';

export const decisionHeadingId = 'decision-heading';

export function DecisionRecord({ estimate, portal }: { estimate: EstimateDetail; portal: PortalInfo }) {
  const decision = estimate.decision;
  if (!decision) return null;
  const when = formatDateTime(decision.at, portal.timeZone);
  if (decision.kind === 'declined') {
    return (
      <section class="section decision decision-declined" aria-labelledby={decisionHeadingId}>
        <h2 id={decisionHeadingId} tabIndex={-1}>
          {t('portal.decision.declined.heading')}
        </h2>
        <p>
          {tx('portal.decision.declined.when', { when: <time dateTime={decision.at}>{when}</time> })}
          {decision.reason && ` ${t('portal.decision.declined.reason', { reason: decision.reason })}`}
        </p>
        <BusinessContact portal={portal} lead={t('portal.decision.declined.contact')} />
      </section>
    );
  }
  const option = estimate.options.find((o) => o.id === decision.optionId) ?? null;
  return (
    <section class="section decision" aria-labelledby={decisionHeadingId}>
      <h2 id={decisionHeadingId} tabIndex={-1}>
        {t('portal.decision.approved.heading')}
      </h2>
      <dl class="details">
        {option && (
          <div>
            <dt>{t('portal.decision.option')}</dt>
            <dd>
              {option.name} · {formatMoney({ amount: option.total, currency: estimate.currency })}
            </dd>
          </div>
        )}
        {decision.signerName && (
          <div>
            <dt>{t('portal.decision.signedBy')}</dt>
            <dd>
              {decision.signerName}
              {` ${decision.signedWithDrawing ? t('portal.decision.signedWith.drawing') : decision.signatureMethod === 'typed' ? t('portal.decision.signedWith.typing') : t('portal.decision.signedWith.typed')}`}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('portal.decision.when')}</dt>
          <dd>
            <time dateTime={decision.at}>{when}</time>
          </dd>
        </div>
        <div>
          <dt>{t('portal.decision.how')}</dt>
          <dd>{decision.via === 'link' ? t('portal.decision.via.link') : t('portal.decision.via.portal')}</dd>
        </div>
        <div>
          <dt>{t('portal.decision.fingerprint')}</dt>
          <dd class="fingerprint">{decision.documentHash}</dd>
        </div>
      </dl>
    </section>
  );
}
