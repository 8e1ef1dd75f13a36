/**
 * What a customer texts back to the portal's number. A reply that is only a stop word ends every
 * text to that number, from every business on the portal (they share the sending number), until
 * the number replies a start word. Anything else is not ours to act on: the business's own
 * channels are for conversation, and the texts say so.
 *
 * The words are the carriers' (CTIA) and the FCC's (2025: "stop, quit, end, revoke, opt out,
 * cancel, unsubscribe"), in English and the Spanish the portal also writes in, matched on the
 * whole message, case and punctuation aside, as AWS End User Messaging matches its own keywords.
 */
import type { TextOptOutStore } from './port';
import type { Clock } from '../kernel/types';

const stopWords = new Set(['STOP', 'STOPALL', 'END', 'QUIT', 'CANCEL', 'UNSUBSCRIBE', 'REVOKE', 'OPTOUT', 'OPT OUT', 'PARAR', 'ALTO', 'CANCELAR', 'BAJA']);
const startWords = new Set(['START', 'UNSTOP', 'SUBSCRIBE', 'OPTIN', 'OPT IN', 'COMENZAR', 'REANUDAR']);

export type ReplyOutcome = 'stopped' | 'started' | 'not-a-keyword' | 'older-than-recorded';

/** The keyword a reply is, if it is only one. */
export function keywordOf(body: string): 'stop' | 'start' | null {
  const word = body.normalize('NFKC').toUpperCase().replace(/[^\p{L}\p{N} ]+/gu, ' ').replace(/\s+/g, ' ').trim();
  if (stopWords.has(word)) return 'stop';
  if (startWords.has(word)) return 'start';
  return null;
}

export async function receiveTextReply(reply: { from: string; body: string; receivedAt: string }, deps: { optOuts: TextOptOutStore; clock: Clock }): Promise<ReplyOutcome> {
  const keyword = keywordOf(reply.body);
  if (!keyword) return 'not-a-keyword';
  const recorded = await deps.optOuts.recordReply(reply.from, keyword === 'stop', reply.receivedAt, deps.clock.now().toISOString());
  if (!recorded) return 'older-than-recorded';
  return keyword === 'stop' ? 'stopped' : 'started';
}
