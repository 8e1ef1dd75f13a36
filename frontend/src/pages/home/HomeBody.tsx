/**
 * Home's body (a lazy chunk; ../HomePage.tsx holds the frame and the read): what needs the
 * customer, most pressing first. What is due with a Pay button, estimates to decide, the next
 * visit, new messages by job, recent payments. Each card leads to its page; a section the
 * business hides is null in the answer and has no card.
 */
import '../../lazy-kit';
import type { ComponentChildren } from 'preact';
import type { HomeResponse } from '../../../../shared/contract/customer/home';
import type { MeResponse } from '../../../../shared/contract/customer/portal';
import { BusyButton } from '../../components/BusyButton';
import { Link } from '../../components/Link';
import { ProblemMessage } from '../../components/Status';
import { formatDate, formatMoney, formatPaymentMethod, formatVisit } from '../../format';
import { paths } from '../../router';
import { useCheckout } from '../../useCheckout';
import { t } from '../../i18n/current';

interface Props {
  slug: string;
  me: MeResponse;
  home: HomeResponse;
}

export function HomeBody({ slug, me, home }: Props) {
  const shows = new Set(me.business.sections);
  return (
    <div class="home">
      {home.invoices && <ToPay slug={slug} me={me} invoices={home.invoices} />}
      {home.estimates && <Estimates slug={slug} me={me} estimates={home.estimates} />}
      {shows.has('jobs') && <NextVisit slug={slug} me={me} visit={home.nextVisit} />}
      {home.unread && <NewMessages slug={slug} unread={home.unread} />}
      {home.recentPayments && home.recentPayments.length > 0 && <RecentPayments slug={slug} me={me} payments={home.recentPayments} />}
    </div>
  );
}

/** A card of Home: a titled region, so each is a landmark a screen reader can jump to. */
function Card({ id, heading, children }: { id: string; heading: string; children: ComponentChildren }) {
  return (
    <section class="card home-card" aria-labelledby={id}>
      <h2 id={id} class="card-title">
        {heading}
      </h2>
      {children}
    </section>
  );
}

function ToPay({ slug, me, invoices }: { slug: string; me: MeResponse; invoices: NonNullable<HomeResponse['invoices']> }) {
  const checkout = useCheckout(slug);
  const payNow = invoices.payNow;
  const failed = checkout.failed?.key === 'home' ? checkout.failed.problem : null;
  return (
    <Card id="home-due" heading={t('portal.home.due.heading')}>
      {invoices.due.length === 0 ? (
        <p>{t('portal.home.due.none')}</p>
      ) : (
        <>
          {invoices.due.map((money) => (
            <p class="home-amount" key={money.currency}>
              {t('portal.home.due.total', { amount: formatMoney(money) })}
            </p>
          ))}
          <p class="hint">
            {t('portal.home.due.count', { count: invoices.count })}
            {invoices.overdue > 0 && (
              <>
                {' · '}
                <span class="overdue">{t('portal.home.due.overdue', { count: invoices.overdue })}</span>
              </>
            )}
          </p>
          {me.business.payments.enabled && payNow && (
            <div class="card-actions">
              <BusyButton class="button button-primary" pending={checkout.pending === 'home'} disabled={checkout.pending !== null} onClick={() => void checkout.pay('home', { invoiceIds: payNow.invoiceIds })}>
                {checkout.pending === 'home' ? t('portal.pay.opening') : t('portal.home.due.pay', { amount: formatMoney(payNow.amount) })}
              </BusyButton>
            </div>
          )}
          {failed && <ProblemMessage problem={failed} />}
        </>
      )}
      <p>
        <Link href={paths.invoices(slug)}>{t('portal.home.due.all')}</Link>
      </p>
    </Card>
  );
}

function Estimates({ slug, me, estimates }: { slug: string; me: MeResponse; estimates: NonNullable<HomeResponse['estimates']> }) {
  return (
    <Card id="home-estimates" heading={t('portal.home.estimates.heading')}>
      {estimates.soonest.length === 0 ? (
        <p>{t('portal.home.estimates.none')}</p>
      ) : (
        <ul class="plain-list home-list">
          {estimates.soonest.map((estimate) => (
            <li key={estimate.id}>
              <Link href={paths.estimate(slug, estimate.id)}>{t('portal.home.estimates.item', { number: estimate.number, title: estimate.title })}</Link>
              <span class="hint"> · {t('portal.home.estimates.expires', { date: formatDate(estimate.expiresAt, me.business.timeZone) })}</span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link href={paths.estimates(slug)}>{t('portal.home.estimates.all')}</Link>
      </p>
    </Card>
  );
}

function NextVisit({ slug, me, visit }: { slug: string; me: MeResponse; visit: HomeResponse['nextVisit'] }) {
  return (
    <Card id="home-visit" heading={t('portal.home.visit.heading')}>
      {!visit ? (
        <p>{t('portal.home.visit.none')}</p>
      ) : (
        <>
          <p>
            <Link href={paths.job(slug, visit.job.id)}>{visit.job.title}</Link>
          </p>
          <p>
            <time dateTime={visit.job.arrivalWindow.start}>{formatVisit(visit.job.arrivalWindow, me.business.timeZone)}</time>
          </p>
          <p class="hint">{visit.job.addressLine}</p>
          {visit.onTheWay && (
            <div class="notice notice-success">
              <p>{t(visit.onTheWay.status === 'arrived' ? 'portal.home.visit.arrived' : 'portal.home.visit.onTheWay', { name: visit.onTheWay.technicianName })}</p>
              {visit.onTheWay.status === 'en_route' && (
                // The tracking page is a page of its own (track.html): a full load, asked with the session.
                <p>
                  <a href={paths.track(slug, visit.job.id)}>{t('portal.home.visit.follow', { name: visit.onTheWay.technicianName })}</a>
                </p>
              )}
            </div>
          )}
        </>
      )}
      <p>
        <Link href={paths.jobs(slug)}>{t('portal.home.visit.all')}</Link>
      </p>
    </Card>
  );
}

function NewMessages({ slug, unread }: { slug: string; unread: NonNullable<HomeResponse['unread']> }) {
  return (
    <Card id="home-messages" heading={t('portal.home.messages.heading')}>
      {unread.length === 0 ? (
        <p>{t('portal.home.messages.none')}</p>
      ) : (
        <ul class="plain-list home-list">
          {unread.map((job) => (
            <li key={job.jobId}>
              <Link href={paths.job(slug, job.jobId)}>{job.title}</Link>
              <span class="hint"> · {t('portal.home.messages.count', { count: job.count })}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function RecentPayments({ slug, me, payments }: { slug: string; me: MeResponse; payments: NonNullable<HomeResponse['recentPayments']> }) {
  return (
    <Card id="home-payments" heading={t('portal.home.payments.heading')}>
      <ul class="plain-list home-list">
        {payments.map((payment) => (
          <li key={payment.id}>
            <Link href={paths.invoice(slug, payment.invoiceId)}>
              {t('portal.home.payments.line', { amount: formatMoney(payment.amount), date: formatDate(payment.paidAt, me.business.timeZone), number: payment.invoiceNumber })}
            </Link>
            <span class="hint"> · {formatPaymentMethod(payment.method)}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
