/**
 * The record of a decision as the customer can keep it: the option approved and its total, who
 * signed and how, when, through the portal or a link, and the fingerprint of exactly what was
 * shown; or that it was declined, and why. Its h2 takes focus right after deciding.
 */
import type { EstimateDetail } from '../../../../shared/contract/customer/estimates';
import type { PortalInfo } from '../../../../shared/contract/customer/portal';
import { formatDateTime, formatMoney } from '../../format';
import { BusinessContact } from '../BusinessContact';

export const decisionHeadingId = 'decision-heading';

export function DecisionRecord({ estimate, portal }: { estimate: EstimateDetail; portal: PortalInfo }) {
  const decision = estimate.decision;
  if (!decision) return null;
  const when = formatDateTime(decision.at, portal.timeZone);
  if (decision.kind === 'declined') {
    return (
      <section class="section decision decision-declined" aria-labelledby={decisionHeadingId}>
        <h2 id={decisionHeadingId} tabIndex={-1}>
          You declined this estimate
        </h2>
        <p>
          Declined <time dateTime={decision.at}>{when}</time>.
          {decision.reason && (
            <>
              {' '}
              Your reason: “{decision.reason}”
            </>
          )}
        </p>
        <BusinessContact portal={portal} lead="Changed your mind, or want a different estimate? Contact" />
      </section>
    );
  }
  const option = estimate.options.find((o) => o.id === decision.optionId) ?? null;
  return (
    <section class="section decision" aria-labelledby={decisionHeadingId}>
      <h2 id={decisionHeadingId} tabIndex={-1}>
        You approved this estimate
      </h2>
      <dl class="details">
        {option && (
          <div>
            <dt>Option</dt>
            <dd>
              {option.name} · {formatMoney({ amount: option.total, currency: estimate.currency })}
            </dd>
          </div>
        )}
        {decision.signerName && (
          <div>
            <dt>Signed by</dt>
            <dd>
              {decision.signerName}
              {decision.signedWithDrawing ? ' (typed name and drawn signature)' : decision.signatureMethod === 'typed' ? ' (signed by typing their name)' : ' (typed name)'}
            </dd>
          </div>
        )}
        <div>
          <dt>When</dt>
          <dd>
            <time dateTime={decision.at}>{when}</time>
          </dd>
        </div>
        <div>
          <dt>How</dt>
          <dd>{decision.via === 'link' ? 'From the estimate link' : 'Signed in to the portal'}</dd>
        </div>
        <div>
          <dt>Document fingerprint (SHA-256)</dt>
          <dd class="fingerprint">{decision.documentHash}</dd>
        </div>
      </dl>
    </section>
  );
}
