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
      <StepHeading>Pay the deposit</StepHeading>
      <p>
        {portal.name} asks for a deposit{balance ? ` of ${balance}` : ''} to book the work.
        {estimate.scheduling ? ' Once it is paid, you can choose a time for the visit.' : ''}
      </p>
      {invoice && portal.payments.enabled ? (
        <>
          <BusyButton
            class="button button-primary button-block"
            pending={checkout.pending === 'deposit'}
            onClick={() => checkout.pay('deposit', { invoiceIds: [invoice.id] })}
          >
            {checkout.pending === 'deposit' ? 'Opening checkout…' : `Pay deposit ${balance}`}
          </BusyButton>
          {checkout.failed && <ProblemMessage problem={checkout.failed.problem} />}
        </>
      ) : (
        <BusinessContact portal={portal} lead="To pay it, contact" />
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
      <h2 id="deposit-return-heading">Your deposit</h2>
      {state.status === 'error' ? (
        <ProblemMessage problem={state.problem} retry={retry} />
      ) : (
        <Loading label="Checking your deposit payment…" />
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
      setError('Choose a time first.');
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
          ? 'Sorry, that time was just booked by someone else. Choose another time.'
          : `Sorry, that time was just booked by someone else, and no other times are open now. ${portal.name} will contact you to arrange the visit.`,
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
      <StepHeading>Choose a time for the visit</StepHeading>
      {loaded.status === 'loading' && !stillOpen && <Loading label="Loading the open times…" />}
      {loaded.status === 'error' && !stillOpen && !signedOut && <ProblemMessage problem={loaded.problem} retry={retry} />}
      {error && (
        <p id="slot-error" class="field-error" role="alert" tabIndex={-1} ref={errorBox}>
          {error}
        </p>
      )}
      {(loaded.status === 'ok' || stillOpen) && days.length === 0 && !error && (
        <>
          <p>There are no open times right now. {portal.name} will contact you to arrange the visit.</p>
          <BusinessContact portal={portal} lead="Or contact" />
        </>
      )}
      {days.length > 0 && (
        <form noValidate onSubmit={book}>
          <p class="hint">
            Times are {portal.name}'s local time.
            {estimate.scheduling && ` The visit takes about ${formatDuration(estimate.scheduling.durationMinutes)}.`}
          </p>
          <fieldset class="slot-picker">
            <legend class="visually-hidden">Open times</legend>
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
                      {slot.overlapsVisit && <strong class="slot-clash"> · You already have a visit at this time</strong>}
                    </span>
                  </label>
                ))}
              </fieldset>
            ))}
          </fieldset>
          {problem && <ProblemMessage problem={problem} />}
          <BusyButton type="submit" class="button button-primary button-block" pending={pending}>
            {pending ? 'Booking…' : 'Book this time'}
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
        <StepHeading>Thank you</StepHeading>
        <p>{portal.name} has your approval and will be in touch to arrange the work.</p>
      </section>
    );
  }
  return (
    <section class="section next-step booked" aria-labelledby={stepHeadingId}>
      <StepHeading>Your visit is booked</StepHeading>
      <p class="lead booked-when">
        <time dateTime={booking.start}>{formatVisit(booking, portal.timeZone)}</time>
      </p>
      {signedIn ? (
        <>
          <p>It is in your work history under Upcoming.</p>
          <p class="no-print">
            <Link class="button button-secondary" href={paths.job(slug, booking.jobId)}>
              View the job
            </Link>
          </p>
        </>
      ) : (
        <>
          <p>{portal.name} will confirm the visit. Sign in to the portal to see it with the rest of your work.</p>
          <p class="no-print">
            <Link class="button button-secondary" href={paths.signIn(slug)}>
              Sign in to {portal.name}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
