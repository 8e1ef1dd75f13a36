/**
 * What the tracking page says aloud, and when (WCAG 4.1.3, politely and not too often). The page
 * refreshes every 3 s and the distance changes on nearly every refresh: a screen reader reading
 * each would talk over everything else. So, into the page's polite live region:
 *
 * - a change of status ("on the way" → "arrived", or the first arrival time once a position
 *   comes in) at once;
 * - otherwise the distance and arrival words at most once a minute, and only when they differ
 *   from what was last said. A change within the minute is not lost: the latest words are said
 *   when the minute is up (the page re-renders every second, so `next` is asked again).
 *
 * The first view sets the baseline and says nothing: the page's heading and text say it already.
 * Pure, with the clock passed in: unit tested in announcer.test.ts.
 */

/** At most one distance or arrival announcement per this long. */
export const DISTANCE_EVERY_MS = 60_000;

export interface Words {
  /** "en_route", "arrived": a change here is said at once. */
  status: string;
  /** The whole sentence to say: status, arrival, distance. */
  text: string;
  /** The part that changes on its own (distance, arrival): throttled. */
  detail: string;
}

export interface AnnouncerState {
  status: string | null;
  /** What the live region holds now (null: nothing said yet). */
  said: string | null;
  /** The detail last said, or seen at the baseline. */
  detail: string | null;
  /** When something was last said (or the baseline set), ms. */
  at: number;
}

export const quiet: AnnouncerState = { status: null, said: null, detail: null, at: 0 };

/** The state after seeing `words` at `now`: `said` is what the live region should hold. */
export function nextAnnouncement(state: AnnouncerState, words: Words, now: number): AnnouncerState {
  if (state.status === null) return { status: words.status, said: null, detail: words.detail, at: now };
  if (words.status !== state.status) return { status: words.status, said: words.text, detail: words.detail, at: now };
  if (words.detail === state.detail || now - state.at < DISTANCE_EVERY_MS) return state;
  return { ...state, said: words.text, detail: words.detail, at: now };
}
