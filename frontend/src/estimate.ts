/**
 * Estimates, the parts that are plain rules and words (for the estimate page, which loads on
 * demand; the list's price range is in format.ts): the open slots grouped by the business's days, what approving needs before it is sent (the server
 * checks it all again), which field an API refusal names, and when a retry keeps its
 * Idempotency-Key.
 */
import type { EstimateDetail, EstimateSummary, SlotView } from '../../shared/contract/customer/estimates';
import { calendarDay, formatDate, formatMoney, formatTimeRange } from './format';
import { t } from './i18n/current';

/** "25% of the option you choose", "$500.00": what the estimate asks on approval, in words. */
export function describeDeposit(deposit: EstimateDetail['deposit'], currency: string): string | null {
  if (!deposit) return null;
  if ('percent' in deposit) return t('portal.estimate.deposit.percent', { percent: deposit.percent });
  return formatMoney({ amount: deposit.amount, currency });
}

/** The estimate is waiting for the customer's decision (not decided, not expired). */
export const isOpen = (estimate: Pick<EstimateSummary, 'status'>): boolean => estimate.status === 'sent';

/** The option chosen before the customer touches anything: the only one, when there is one; else none (they choose). */
export const preselectedOption = (options: readonly { id: string }[]): string | null => (options.length === 1 ? options[0]!.id : null);

export interface SlotChoice extends SlotView {
  /** "9:00 AM – 11:00 AM" in the business's time zone. */
  label: string;
}

export interface SlotDay {
  /** "2026-11-24": the business's calendar day. */
  day: string;
  /** "Tue, Nov 24". */
  label: string;
  slots: SlotChoice[];
}

/** The slots by the business's calendar day, soonest first (and within a day, by start). */
export function groupSlotsByDay(slots: readonly SlotView[], timeZone: string, now: Date = new Date()): SlotDay[] {
  const sorted = [...slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || Date.parse(a.end) - Date.parse(b.end));
  const days: SlotDay[] = [];
  for (const slot of sorted) {
    const day = calendarDay(slot.start, timeZone);
    let group = days[days.length - 1];
    if (!group || group.day !== day) {
      group = { day, label: formatDate(slot.start, timeZone, now), slots: [] };
      days.push(group);
    }
    group.slots.push({ ...slot, label: formatTimeRange(slot, timeZone, now) });
  }
  return days;
}

/** "2 hours", "90 minutes", "1 hour 30 minutes". */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return t('portal.duration.minutes', { minutes: rest });
  return rest === 0 ? t('portal.duration.hours', { hours }) : t('portal.duration.hoursMinutes', { hours, minutes: rest });
}

// ---------- approving ----------

/** The parts of the approval form an error can point at, in the order the page shows them. */
export type ApprovalField = 'option' | 'name' | 'drawing' | 'terms';
export const approvalFields: readonly ApprovalField[] = ['option', 'name', 'drawing', 'terms'];

export interface ApprovalInput {
  signature: EstimateDetail['signature'];
  optionId: string | null;
  name: string;
  /** Whether the signature box has ink (`drawn` only). */
  drawn: boolean;
  /** `drawn` only: the customer signs by typing their name instead of drawing. */
  typedInstead?: boolean;
  acceptTerms: boolean;
}

/**
 * What keeps the approval from being sent, field by field (empty when it can go): an option, the
 * typed name where a signature is asked, a drawing where a drawn one is (unless the name is typed
 * as the signature instead), and the terms accepted.
 */
export function approvalErrors(input: ApprovalInput): Partial<Record<ApprovalField, string>> {
  const errors: Partial<Record<ApprovalField, string>> = {};
  if (!input.optionId) errors.option = t('portal.approve.error.option');
  if (input.signature !== 'none' && input.name.trim() === '') errors.name = t('portal.approve.error.name');
  else if (input.name.trim().length > 200) errors.name = t('portal.approve.error.nameLength', { max: 200 });
  if (input.signature === 'drawn' && !input.drawn && !input.typedInstead) errors.drawing = t('portal.approve.error.drawing');
  if (!input.acceptTerms) errors.terms = t('portal.approve.error.terms');
  return errors;
}

/** The approval field an API refusal names (`signature.name`, `body.acceptTerms`, …), if any. */
export function approvalFieldOf(apiField: string): ApprovalField | null {
  const path = apiField.split(/[./]/).filter(Boolean);
  const last = path[path.length - 1];
  if (last === 'optionId') return 'option';
  if (last === 'name' && path.includes('signature')) return 'name';
  if (last === 'image') return 'drawing';
  if (last === 'typed') return 'name';
  if (last === 'acceptTerms') return 'terms';
  if (last === 'signature') return 'name';
  return null;
}

/** "must be true: read…" → "Must be true: read…." — an API message shown on its own under a field. */
export function sentence(message: string): string {
  const text = message.trim();
  if (!text) return text;
  const first = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

// ---------- retrying a decision or a booking ----------

export interface Attempt {
  key: string;
  /** The request body, as sent. */
  body: string;
  /** The last try may have reached the server (no answer, 5xx): trying the same again keeps the key. */
  retry: boolean;
}

/**
 * The attempt to send this body as: the same key when it retries the last attempt after a lost
 * answer (the server replays its first answer, nothing is done twice); a fresh one otherwise.
 */
export function nextAttempt(last: Attempt | null, body: string, mintKey: () => string): Attempt {
  const key = last && last.retry && last.body === body ? last.key : mintKey();
  return { key, body, retry: false };
}

/** An answer that leaves unknown whether the server acted: no answer at all, or a server error. */
export const mayHaveReached = (status: number): boolean => status === 0 || status >= 500;

// ---------- back from paying the deposit ----------

export interface DepositOutcome {
  /** `paid` and `processing` move on to the next step; the others leave the deposit to pay. */
  kind: 'paid' | 'processing' | 'failed' | 'notCompleted';
  text: string;
}

/** What the estimate page says once a deposit checkout has settled (or stopped being watched); null while it is still checked. */
export function depositOutcomeOf(kind: 'checking' | 'paid' | 'processing' | 'failed' | 'notCompleted'): DepositOutcome | null {
  switch (kind) {
    case 'checking':
      return null;
    case 'paid':
      return { kind, text: t('portal.deposit.paid') };
    case 'processing':
      return { kind, text: t('portal.deposit.processing') };
    case 'failed':
      return { kind, text: t('portal.deposit.failed') };
    case 'notCompleted':
      return { kind, text: t('portal.deposit.notCompleted') };
  }
}
