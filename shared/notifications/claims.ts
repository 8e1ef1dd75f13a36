import type { Clock } from '../kernel/types';
import { crashPoint, isInjectedCrash } from '../followups/crash';

/**
 * Claims on a send (a receipt, a message notice, a link): taken before the send, written as sent
 * after it. A claim expires, because a crash between the claim and the send leaves one nobody gives
 * back. It must outlast any live send (the consumer's Lambda stops at 30 s, so a claim older than
 * that is a dead one's) and end before the queue's redelivery (the notifications queue hides a
 * message for 6 × 30 s = 180 s), which then takes it over and sends. 150 s keeps a wide margin on
 * both sides (the soak, whose clock runs about 15 times fast, measured claims of 60 s taken over
 * from sends still running).
 */
export const noticeClaimMs = 150_000;

/** Another delivery holds a live claim: the queue brings this message back once it has expired. */
export class NoticeInProgress extends Error {
  override readonly name = 'NoticeInProgress';
}

/** One send's claim, as the store keeps it (times are ISO). */
export interface SendClaim {
  /** Takes the claim: false when the send was made, or another claim is newer than `staleBefore`. */
  take(at: string, staleBefore: string): Promise<boolean>;
  /** Whether the send was made. */
  sent(): Promise<boolean>;
  /** Gives back the claim taken at `at` (the send failed). */
  release(at: string): Promise<void>;
  /** The send was made: no claim can be taken again. */
  markSent(at: string): Promise<void>;
}

/**
 * The one way a notice or a link is sent once: claim, send, mark sent. A claim held by another
 * live delivery throws `NoticeInProgress` (the consumer defers the message until it has expired);
 * a failed send gives the claim back for the queue's retry. Crash points `<name>:claimed` and
 * `<name>:sent` sit on either side of the send.
 */
export async function sendOnce(claim: SendClaim, name: string, send: () => Promise<void>, clock: Clock): Promise<'sent' | 'already-sent'> {
  const now = clock.now();
  const at = now.toISOString();
  if (!(await claim.take(at, new Date(now.getTime() - noticeClaimMs).toISOString()))) {
    if (await claim.sent()) return 'already-sent';
    throw new NoticeInProgress(`This ${name} is being sent by another delivery; retrying once its claim expires`);
  }
  crashPoint(`${name}:claimed`);
  try {
    await send();
  } catch (error) {
    if (!isInjectedCrash(error)) await claim.release(at);
    throw error;
  }
  crashPoint(`${name}:sent`);
  await claim.markSent(clock.now().toISOString());
  return 'sent';
}
