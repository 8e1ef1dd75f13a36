/**
 * What the tracking page shows, from each answer to `GET /api/tracking`. A pure reducer, unit
 * tested: a 304 keeps the view held; a failed or rate-limited refresh keeps it too (with a note),
 * and only without anything to show does it become a page of its own.
 */
import type { TrackingView } from '../../../shared/contract/customer/tracking';
import type { TrackingResult } from './api';

export type TrackingPhase =
  /** The first answer has not come yet. */
  | 'loading'
  /** A view is on screen (en route or arrived). */
  | 'live'
  /** 410: completed, expired or withdrawn. */
  | 'over'
  /** No token, a cut-off one, or 404. */
  | 'invalid'
  /** 429 before anything could be shown. */
  | 'limited'
  /** No usable answer before anything could be shown. */
  | 'failed';

export interface TrackingState {
  phase: TrackingPhase;
  /** The last view received: kept when the visit ends, so its business's contact can be shown. */
  view: TrackingView | null;
  /** While a view is on screen: the last refresh did not work, and the page says it is trying again. */
  trouble: 'limited' | 'failed' | null;
  /** For `failed`: what went wrong, in words. */
  detail: string | null;
}

export const initialState = (hasToken: boolean): TrackingState => ({ phase: hasToken ? 'loading' : 'invalid', view: null, trouble: null, detail: null });

export function nextState(state: TrackingState, result: TrackingResult): TrackingState {
  switch (result.kind) {
    case 'view':
      return { phase: 'live', view: result.view, trouble: null, detail: null };
    case 'unchanged':
      // A 304 answers a request that carried an ETag, so a view is held.
      return state.view ? { ...state, phase: 'live', trouble: null, detail: null } : state;
    case 'over':
      return { ...state, phase: 'over', trouble: null, detail: null };
    case 'invalid':
      return { ...state, phase: 'invalid', trouble: null, detail: null };
    case 'limited':
      return state.view ? { ...state, trouble: 'limited' } : { ...state, phase: 'limited' };
    case 'failed':
      return state.view ? { ...state, trouble: 'failed', detail: result.detail } : { ...state, phase: 'failed', detail: result.detail };
  }
}
