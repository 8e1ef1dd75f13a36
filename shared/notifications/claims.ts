/**
 * Claims on a send (a receipt, a message notice): taken before the send, written as sent after it.
 * A claim expires, because a crash between the claim and the send leaves one nobody gives back:
 * the queue's redelivery, which comes later than this (the notifications queue hides a message for
 * 6 × the consumer's 30 s), takes it over and sends.
 */
export const noticeClaimMs = 60_000;

/** Another delivery holds a live claim: the queue brings this message back once it has expired. */
export class NoticeInProgress extends Error {
  override readonly name = 'NoticeInProgress';
}
