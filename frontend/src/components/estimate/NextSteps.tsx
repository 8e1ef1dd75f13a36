/**
 * What follows an approval, one step at a time: the deposit (to Stripe's checkout, and watched
 * on the way back), the slot picker, and the booked visit. Each step's h2 can take focus, so the
 * page can move the customer on to it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EstimateDetail, ScheduleEstimateResponse, SlotView } from '../../../../shared/contract/customer/estimates';
import type { PortalInfo } from '../../../../shared/contract/customer/portal';
import type { Problem } from '../../../../shared/contract/problem';
import { api, newIdempotencyKey, openSlotsOf } from '../../api';
import { type Attempt, type DepositOutcome, depositOutcomeOf, formatDuration, groupSlotsByDay, mayHaveReached, nextAttempt } from '../../estimate';
import { formatMoney, formatVisit } from '../../format';
import { outcomeOf } from '../../payments';
import { paths } from '../../router';
import { useCheckout } from '../../useCheckout';
import { useCheckoutStatus } from '../../useCheckoutStatus';
import { useResource } from '../../useResource';
import { BusinessContact } from '../BusinessContact';
import { BusyButton } from '../BusyButton';
import { Link } from '../Link';
import { Loading, ProblemMessage } from '../Status';
import { t } from '../../i18n/current';

/** The h2 of whichever step is shown: where focus goes when the page moves on to it. */
export const stepHeadingId = 'next-step-heading';

function StepHeading({ children }: { children: string }) {
  return (
    <h2 id={stepHeadingId} tabIndex={-1}>
      {children}
    </h2>
  );
}

// ---------- the deposit ----------

interface DepositProps {
  slug: string;
  estimate: EstimateDetail;
  portal: PortalInfo;
  link: string | null;
}

/** "Pay deposit $X": the deposit invoice's balance, paid on Stripe's checkout page. */
export function DepositStep({ slug, estimate, portal, link }: DepositProps) {
  const checkout = useCheckout(slug, link);
  const invoice = estimate.depositInvoice;
  const balance = invoice ? formatMoney({ amount: invoice.balance, currency: estimate.currency }) : null;
  return (
    <section class="section next-step no-print" aria-labelledby={stepHeadingId}>
      <StepHeading>{t('portal.deposit.heading')}</StepHeading>
      <p>
        {balance ? t('portal.deposit.asksAmount', { business: portal.name, amount: balance }) : t('portal.deposit.asks', { business: portal.name })}
        {estimate.scheduling ? ` ${t('portal.deposit.thenSchedule')}` : ''}
      </p>
      {invoice && portal.payments.enabled ? (
        <>
          <BusyButton
            class="button button-primary button-block"
            pending={checkout.pending === 'deposit'}
            onClick={() => checkout.pay('deposit', { invoiceIds: [invoice.id] })}
          >
            {checkout.pending === 'deposit' ? t('portal.pay.opening') : t('portal.deposit.pay', { amount: balance ?? '' })}
          </BusyButton>
          {checkout.failed && <ProblemMessage problem={checkout.failed.problem} />}
        </>
      ) : (
        <BusinessContact portal={portal} lead={t('portal.deposit.contact')} />
      )}
    </section>
  );
}

interface ReturnProps {
  checkoutId: string;
  link: string | null;
  /** The checkout settled (or is no longer watched): what to tell the customer. */
  onSettled: (outcome: DepositOutcome) => void;
}

/** Back from Stripe: watches the deposit's checkout until it settles, then hands the outcome to the page. */
export function DepositReturn({ checkoutId, link, onSettled }: ReturnProps) {
  const [state, retry] = useCheckoutStatus(checkoutId, link);
  const outcome = state.status === 'ok' ? depositOutcomeOf(outcomeOf(state.data.status, state.watching).kind) : null;
  const told = useRef(false);
  useEffect(() => {
    if (outcome && !told.current) {
      told.current = true;
      onSettled(outcome);
    }
  }, [outcome?.kind]);
  return (
    <section class="section next-step" aria-labelledby="deposit-return-heading">
      <h2 id="deposit-return-heading">{t('portal.deposit.yours')}</h2>
      {state.status === 'error' ? (
        <ProblemMessage problem={state.problem} retry={retry} />
      ) : (
        <Loading label={t('portal.deposit.checking')} />
      )}
    </section>
  );
}

// ---------- choosing a time ----------

interface SlotProps {
  estimate: EstimateDetail;
  portal: PortalInfo;
  link: string | null;
  /** The page moves on (it reads the estimate again); the button stays busy until it has. */
  onBooked: (booking: ScheduleEstimateResponse) => Promise<void>;
  /** A 409 that is not about the slot (say, the deposit is not paid yet): the page reloads the estimate. */
  onStale: (problem: Problem) => void;
  onSignedOut: () => void;
}

/** The open slots as radio buttons grouped by the business's days, and "Book this time". */
export function SlotPicker({ estimate, portal, link, onBooked, onStale, onSignedOut }: SlotProps) {
  const [loaded, retry] = useResource((signal) => api.estimateSlots(estimate.id, signal, link), [estimate.id]);
  /** The slots a 409 named as still open: they replace the list. */
  const [stillOpen, setStillOpen] = useState<SlotView[] | null>(null);
  const [slotId, setSlotId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, setPending] = useState(false);
  const attempt = useRef<Attempt | null>(null);
  const errorBox = useRef<HTMLParagraphElement>(null);
  const firstSlot = useRef<HTMLInputElement>(null);

  const signedOut = loaded.status === 'error' && loaded.problem.status === 401 && !link;
  useEffect(() => {
    if (signedOut) onSignedOut();
  }, [signedOut]);

  const slots = stillOpen ?? (loaded.status === 'ok' ? loaded.data.items : []);
  const days = groupSlotsByDay(slots, portal.timeZone);

  async function book(e: Event) {
    e.preventDefault();
    if (pending) return;
    setProblem(null);
    if (!slotId || !slots.some((s) => s.id === slotId)) {
      setError(t('portal.slots.error.none'));
      firstSlot.current?.focus();
      return;
    }
    setError(null);
    const next = nextAttempt(attempt.current, JSON.stringify({ slotId }), newIdempotencyKey);
    attempt.current = next;
    setPending(true);
    const result = await api.scheduleEstimate(estimate.id, slotId, next.key, link);
    if (result.ok) {
      await onBooked(result.data);
      setPending(false);
      return;
    }
    setPending(false);
    attempt.current = { ...next, retry: mayHaveReached(result.status) };
    if (result.status === 401 && !link) return onSignedOut();
    const open = result.status === 409 ? openSlotsOf(result.problem) : null;
    if (open) {
      // Taken meanwhile: the times still open, to pick again.
      setStillOpen(open);
      setSlotId(null);
      setError(
        open.length > 0
          ? t('portal.slots.taken')
          : t('portal.slots.takenNoneLeft', { business: portal.name }),
      );
      // The message is read out where focus lands.
      setTimeout(() => errorBox.current?.focus(), 0);
      return;
    }
    if (result.status === 409 || result.status === 410) return onStale(result.problem);
    setProblem(result.problem);
  }

  return (
    <section class="section next-step no-print" aria-labelledby={stepHeadingId}>
      <StepHeading>{t('portal.slots.heading')}</StepHeading>
      {loaded.status === 'loading' && !stillOpen && <Loading label={t('portal.slots.loading')} />}
      {loaded.status === 'error' && !stillOpen && !signedOut && <ProblemMessage problem={loaded.problem} retry={retry} />}
      {error && (
        <p id="slot-error" class="field-error" role="alert" tabIndex={-1} ref={errorBox}>
          {error}
        </p>
      )}
      {(loaded.status === 'ok' || stillOpen) && days.length === 0 && !error && (
        <>
          <p>{t('portal.slots.noneOpen', { business: portal.name })}</p>
          <BusinessContact portal={portal} lead={t('portal.slots.orContact')} />
        </>
      )}
      {days.length > 0 && (
        <form noValidate onSubmit={book}>
          <p class="hint">
            {t('portal.slots.localTime', { business: portal.name })}
            {estimate.scheduling && ` ${t('portal.slots.duration', { duration: formatDuration(estimate.scheduling.durationMinutes) })}`}
          </p>
          <fieldset class="slot-picker">
            <legend class="visually-hidden">{t('portal.slots.legend')}</legend>
            {days.map((day, d) => (
              <fieldset key={day.day} class="slot-day">
                <legend>{day.label}</legend>
                {day.slots.map((slot, i) => (
                  <label key={slot.id} class="check slot">
                    <input
                      ref={d === 0 && i === 0 ? firstSlot : undefined}
                      type="radio"
                      name="slotId"
                      value={slot.id}
                      checked={slot.id === slotId}
                      onChange={() => {
                        setSlotId(slot.id);
                        setError(null);
                      }}
                      aria-describedby={error ? 'slot-error' : undefined}
                    />
                    <span>
                      {slot.label}
                      {/* Still bookable (one technician may do both); said in the radio's name, so heard as well as seen. */}
                      {slot.overlapsVisit && <strong class="slot-clash"> · {t('portal.slots.clash')}</strong>}
                    </span>
                  </label>
                ))}
              </fieldset>
            ))}
          </fieldset>
          {problem && <ProblemMessage problem={problem} />}
          <BusyButton type="submit" class="button button-primary button-block" pending={pending}>
            {pending ? t('portal.slots.booking') : t('portal.slots.book')}
          </BusyButton>
        </form>
      )}
    </section>
  );
}

// ---------- done ----------

interface DoneProps {
  slug: string;
  estimate: EstimateDetail;
  portal: PortalInfo;
  /** From a link: no job page to link to; sign in to see it. */
  signedIn: boolean;
}

/** The booked visit (with its job when signed in), or, without scheduling, that the business will be in touch. */
export function DoneStep({ slug, estimate, portal, signedIn }: DoneProps) {
  const booking = estimate.booking;
  if (!booking) {
    return (
      <section class="section next-step" aria-labelledby={stepHeadingId}>
        <StepHeading>{t('portal.done.thanks')}</StepHeading>
        <p>{t('portal.done.noScheduling', { business: portal.name })}</p>
      </section>
    );
  }
  return (
    <section class="section next-step booked" aria-labelledby={stepHeadingId}>
      <StepHeading>{t('portal.done.booked')}</StepHeading>
      <p class="lead booked-when">
        <time dateTime={booking.start}>{formatVisit(booking, portal.timeZone)}</time>
      </p>
      {signedIn ? (
        <>
          <p>{t('portal.done.inHistory')}</p>
          <p class="no-print">
            <Link class="button button-secondary" href={paths.job(slug, booking.jobId)}>
              {t('portal.invoice.viewJob')}
            </Link>
          </p>
        </>
      ) : (
        <>
          <p>{t('portal.done.willConfirm', { business: portal.name })}</p>
          <p class="no-print">
            <Link class="button button-secondary" href={paths.signIn(slug)}>
              {t('portal.signIn.to', { business: portal.name })}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
