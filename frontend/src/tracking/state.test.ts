import { testView } from './test-view';
import { initialState, nextState, type TrackingState } from './state';

const live = (): TrackingState => nextState(initialState(true), { kind: 'view', view: testView(), etag: '"a"' });

describe('tracking page state', () => {
  it('starts loading with a token, and as an invalid link without one', () => {
    expect(initialState(true).phase).toBe('loading');
    expect(initialState(false).phase).toBe('invalid');
  });

  it('shows each view received; a 304 keeps the one held', () => {
    const state = live();
    expect(state).toMatchObject({ phase: 'live', view: testView() });
    expect(nextState(state, { kind: 'unchanged' })).toEqual(state);
    const arrived = nextState(state, { kind: 'view', view: testView('arrived'), etag: '"b"' });
    expect(arrived.view?.status).toBe('arrived');
  });

  it('keeps the view through a failed or rate-limited refresh, with a note that clears on the next answer', () => {
    const failed = nextState(live(), { kind: 'failed', detail: 'offline' });
    expect(failed).toMatchObject({ phase: 'live', trouble: 'failed', detail: 'offline', view: testView() });
    const limited = nextState(failed, { kind: 'limited', retryAfterMs: null });
    expect(limited).toMatchObject({ phase: 'live', trouble: 'limited' });
    expect(nextState(limited, { kind: 'unchanged' })).toMatchObject({ phase: 'live', trouble: null, detail: null });
  });

  it('without a view, a failure or a 429 is the page', () => {
    expect(nextState(initialState(true), { kind: 'failed', detail: 'offline' })).toMatchObject({ phase: 'failed', detail: 'offline', view: null });
    expect(nextState(initialState(true), { kind: 'limited', retryAfterMs: 30_000 })).toMatchObject({ phase: 'limited', view: null });
  });

  it('the visit over keeps the last view (its business contact); an invalid link too', () => {
    expect(nextState(live(), { kind: 'over' })).toMatchObject({ phase: 'over', view: testView() });
    expect(nextState(initialState(true), { kind: 'over' })).toMatchObject({ phase: 'over', view: null });
    expect(nextState(live(), { kind: 'invalid' })).toMatchObject({ phase: 'invalid' });
  });
});
