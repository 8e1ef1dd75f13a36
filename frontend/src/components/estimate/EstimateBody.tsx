/**
 * One estimate, under its page's h1: the same for the signed-in page (`/{slug}/estimates/{id}`)
 * and the estimate link page (`/{slug}/estimate`), which differ only in `link` (the token that
 * asks instead of the session) and where a booked visit leads.
 *
 * It keeps the estimate it was given and reads it again after each step (approve, decline, the
 * deposit paid, a slot booked), without leaving the page: what the customer just did stays
 * shown, focus moves to what comes next, and the live region says what happened. Right after a
 * write the read may lag behind it (DynamoDB reads are eventually consistent), so it reads again
 * a few times until the change shows.
 */
import '../../lazy-kit';
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';
import type { EstimateDetail } from '../../../../shared/contract/customer/estimates';
import type { PortalInfo } from '../../../../shared/contract/customer/portal';
import type { Problem } from '../../../../shared/contract/problem';
import { api } from '../../api';
import { type DepositOutcome, isOpen } from '../../estimate';
import { formatDate, formatVisit } from '../../format';
import { paths } from '../../router';
import { announce } from '../Announcer';
import { BusinessContact } from '../BusinessContact';
import { BusyButton } from '../BusyButton';
import { Link } from '../Link';
import { ProblemMessage } from '../Status';
import { StatusBadge } from '../StatusBadge';
import { ApproveForm } from './ApproveForm';
import { DecisionRecord, decisionHeadingId } from './DecisionRecord';
import { DepositReturn, DepositStep, DoneStep, SlotPicker, stepHeadingId } from './NextSteps';
import { OptionCard } from './OptionDetails';
import { Terms } from './Terms';
import { t, tx } from '../../i18n/current';

/** Reads after a write until it shows: this many, this far apart. */
export const REREAD_TRIES = 8;
export const REREAD_EVERY_MS = 750;

interface Props {
  slug: string;
  portal: PortalInfo;
  initial: EstimateDetail;
  /** An estimate link's token; null: the session. */
  link: string | null;
  /** Back from paying the deposit on Stripe's page (`?checkout=`). */
  checkoutId: string | null;
  onSignedOut: () => void;
}

interface Notice {
  tone: 'success' | 'error';
  text: string;
}

const noticeId = 'estimate-notice';
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export function EstimateBody({ slug, portal, initial, link, checkoutId, onSignedOut }: Props) {
  const [estimate, setEstimate] = useState(initial);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [rereadProblem, setRereadProblem] = useState<{ problem: Problem; after: string } | null>(null);
  const [returning, setReturning] = useState(checkoutId);
  const [focus, setFocus] = useState<{ id: string } | null>(null);
  const signedIn = link === null;

  // In the same task as the decision is shown (a layout effect; see useFocusWhen).
  useLayoutEffect(() => {
    const target = focus && document.getElementById(focus.id);
    if (!target) return;
    // To the top of the screen rather than its middle, so what follows it (the next step, on a phone) shows too.
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: 'start' });
  }, [focus]);

  /** Reads the estimate again (until `shows` holds, a few times at most) and shows it; null when the read failed. */
  async function reread(after: string, shows?: (e: EstimateDetail) => boolean): Promise<EstimateDetail | null> {
    for (let i = 1; ; i++) {
      const result = await api.estimate(initial.id, undefined, link);
      if (!result.ok) {
        if (result.status === 401 && !link) onSignedOut();
        else setRereadProblem({ problem: result.problem, after });
        return null;
      }
      if (!shows || shows(result.data) || i >= REREAD_TRIES) {
        setRereadProblem(null);
        setEstimate(result.data);
        return result.data;
      }
      await sleep(REREAD_EVERY_MS);
    }
  }

  async function approved() {
    const fresh = await reread(t('portal.estimate.reread.approved'), (e) => e.decision !== null);
    if (!fresh) return;
    setNotice(null);
    announce(t('portal.estimate.announce.approved', { next: fresh.next === 'deposit' || fresh.next === 'schedule' ? fresh.next : 'none' }));
    setFocus({ id: decisionHeadingId });
  }

  async function declined() {
    const fresh = await reread(t('portal.estimate.reread.declined'), (e) => e.decision !== null);
    if (!fresh) return;
    setNotice(null);
    announce(t('portal.estimate.announce.declined'));
    setFocus({ id: decisionHeadingId });
  }

  /** 409 or 410: changed, decided meanwhile, expired, or (booking) not ready. The estimate as it is now, and why. */
  async function stale(problem: Problem) {
    const before = estimate.version;
    const fresh = await reread(t('portal.estimate.reread.stale'));
    const changed = fresh && !fresh.decision && fresh.status === 'sent' && fresh.version !== before;
    setNotice({
      tone: 'error',
      text: changed ? t('portal.estimate.changed', { detail: problem.detail }) : problem.detail,
    });
    setFocus({ id: noticeId });
  }

  async function booked() {
    const fresh = await reread(t('portal.estimate.reread.booked'), (e) => e.booking !== null);
    if (!fresh) return;
    setNotice(null);
    announce(fresh.booking ? t('portal.estimate.announce.bookedAt', { visit: formatVisit(fresh.booking, portal.timeZone) }) : t('portal.estimate.announce.booked'));
    setFocus({ id: stepHeadingId });
  }

  async function depositSettled(outcome: DepositOutcome) {
    // This return is dealt with: a reload of the page should not check it again.
    history.replaceState(history.state, '', location.pathname);
    if (outcome.kind === 'paid' || outcome.kind === 'processing') await reread(t('portal.estimate.reread.next'), (e) => e.next !== 'deposit');
    setReturning(null);
    setNotice({ tone: outcome.kind === 'paid' || outcome.kind === 'processing' ? 'success' : 'error', text: outcome.text });
    announce(outcome.text);
    setFocus({ id: stepHeadingId });
  }

  const open = isOpen(estimate);
  const decision = estimate.decision;
  const chosen = decision?.kind === 'approved' ? estimate.options.find((o) => o.id === decision.optionId) ?? null : null;

  let step: ComponentChildren = null;
  if (returning) step = <DepositReturn checkoutId={returning} link={link} onSettled={depositSettled} />;
  else if (estimate.next === 'deposit') step = <DepositStep slug={slug} estimate={estimate} portal={portal} link={link} />;
  else if (estimate.next === 'schedule')
    step = <SlotPicker key={estimate.version} estimate={estimate} portal={portal} link={link} onBooked={booked} onStale={stale} onSignedOut={onSignedOut} />;
  else if (estimate.next === 'done') step = <DoneStep slug={slug} estimate={estimate} portal={portal} signedIn={signedIn} />;

  return (
    <>
      <p class="lead estimate-title">{estimate.title}</p>
      <div class="invoice-head">
        <p>
          <StatusBadge status={estimate.status} />
        </p>
        <p class="invoice-dates">
          <span>
            {tx('portal.estimate.sentOn', { date: <time dateTime={estimate.sentAt}>{formatDate(estimate.sentAt, portal.timeZone)}</time> })}
          </span>{' '}
          <span class={estimate.status === 'expired' ? 'overdue' : undefined}>
            {tx(estimate.status === 'expired' ? 'portal.estimate.expiredOn' : 'portal.estimate.validUntil', {
              date: <time dateTime={estimate.expiresAt}>{formatDate(estimate.expiresAt, portal.timeZone)}</time>,
            })}
          </span>
        </p>
        {signedIn && estimate.jobId && !estimate.booking && (
          <p class="no-print">
            <Link href={paths.job(slug, estimate.jobId)}>{t('portal.invoice.viewJob')}</Link>
          </p>
        )}
        <PdfButtons estimate={estimate} link={link} />
      </div>

      {rereadProblem && (
        <ProblemMessage problem={rereadProblem.problem} retry={() => void reread(rereadProblem.after)} takeFocus>
          <p>{rereadProblem.after}</p>
        </ProblemMessage>
      )}

      <DecisionRecord estimate={estimate} portal={portal} />
      {estimate.status === 'expired' && !decision && (
        <section class="section decision" aria-labelledby={decisionHeadingId}>
          <h2 id={decisionHeadingId} tabIndex={-1}>
            {t('portal.estimate.expired.heading')}
          </h2>
          <p>{t('portal.estimate.expired.text', { date: formatDate(estimate.expiresAt, portal.timeZone) })}</p>
          <BusinessContact portal={portal} lead={t('portal.estimate.expired.contact')} />
        </section>
      )}

      {notice && (
        <div
          id={noticeId}
          class={`notice ${notice.tone === 'success' ? 'notice-success' : 'notice-error'} estimate-notice`}
          role={notice.tone === 'error' ? 'alert' : undefined}
          tabIndex={-1}
        >
          <p>{notice.text}</p>
        </div>
      )}

      {step}

      {open ? (
        <ApproveForm
          key={estimate.version}
          estimate={estimate}
          portal={portal}
          link={link}
          onApproved={approved}
          onDeclined={declined}
          onStale={stale}
          onSignedOut={onSignedOut}
        />
      ) : (
        <>
          <section class="section-plain" aria-labelledby="options-heading">
            <h2 id="options-heading">{chosen ? t('portal.estimate.options.approved') : t('portal.estimate.options.heading', { count: estimate.options.length })}</h2>
            <div class="estimate-options">
              {(chosen ? [chosen] : estimate.options).map((option) => (
                <OptionCard key={option.id} option={option} currency={estimate.currency} flag={chosen ? t('portal.estimate.options.yourChoice') : null} />
              ))}
            </div>
          </section>
          <Terms terms={estimate.terms} />
        </>
      )}

      {(open || chosen) && <BusinessContact portal={portal} lead={t('portal.estimate.contact')} />}
    </>
  );
}

/**
 * "Download PDF" asks for the short-lived address of this version's PDF (signed once approved)
 * and goes to it: the file is served as an attachment, so the browser downloads it and this page
 * stays. "Print" prints this page (the print stylesheet leaves out the buttons and the signature
 * box).
 */
function PdfButtons({ estimate, link }: { estimate: EstimateDetail; link: string | null }) {
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function download() {
    setPending(true);
    setProblem(null);
    const result = await api.estimatePdf(estimate.id, link);
    setPending(false);
    if (result.ok) location.assign(result.data.url);
    else setProblem(result.problem);
  }

  return (
    <>
      <p class="no-print estimate-actions">
        <BusyButton class="button button-secondary" pending={pending} onClick={download}>
          {pending ? t('portal.estimate.pdf.preparing') : t('portal.estimate.pdf.download')}
        </BusyButton>
        <button type="button" class="button button-secondary" onClick={() => window.print()}>
          {t('portal.print')}
        </button>
      </p>
      {problem && <ProblemMessage problem={problem} />}
    </>
  );
}
