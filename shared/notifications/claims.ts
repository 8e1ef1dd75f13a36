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
