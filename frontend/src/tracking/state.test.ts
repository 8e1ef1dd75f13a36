import type { TrackingView } from '../../../shared/api/contract';
import { initialState, nextState, type TrackingState } from './state';

const view = (status: TrackingView['status'] = 'en_route'): TrackingView => ({
  business: {
    name: 'Acme',
    timeZone: 'America/Chicago',
    branding: { primaryColor: '#0b5cad', logoUrl: null },
    contact: { phone: '+15555550100', email: null },
    distanceUnit: 'mi',
  },
  technician: { name: 'Dev Okafor', photoUrl: null, vehicle: null },
  status,
  destination: { lat: 39.78, lng: -89.65 },
  updatedAt: '2026-11-24T20:00:00Z',
  map: null,
});

const live = (): TrackingState => nextState(initialState(true), { kind: 'view', view: view(), etag: '"a"' });

describe('tracking page state', () => {
  it('starts loading with a token, and as an invalid link without one', () => {
    expect(initialState(true).phase).toBe('loading');
    expect(initialState(false).phase).toBe('invalid');
  });

  it('shows each view received; a 304 keeps the one held', () => {
    const state = live();
    expect(state).toMatchObject({ phase: 'live', view: view() });
    expect(nextState(state, { kind: 'unchanged' })).toEqual(state);
    const arrived = nextState(state, { kind: 'view', view: view('arrived'), etag: '"b"' });
    expect(arrived.view?.status).toBe('arrived');
  });

  it('keeps the view through a failed or rate-limited refresh, with a note that clears on the next answer', () => {
    const failed = nextState(live(), { kind: 'failed', detail: 'offline' });
    expect(failed).toMatchObject({ phase: 'live', trouble: 'failed', detail: 'offline', view: view() });
    const limited = nextState(failed, { kind: 'limited', retryAfterMs: null });
    expect(limited).toMatchObject({ phase: 'live', trouble: 'limited' });
    expect(nextState(limited, { kind: 'unchanged' })).toMatchObject({ phase: 'live', trouble: null, detail: null });
  });

  it('without a view, a failure or a 429 is the page', () => {
    expect(nextState(initialState(true), { kind: 'failed', detail: 'offline' })).toMatchObject({ phase: 'failed', detail: 'offline', view: null });
    expect(nextState(initialState(true), { kind: 'limited', retryAfterMs: 30_000 })).toMatchObject({ phase: 'limited', view: null });
  });

  it('the visit over keeps the last view (its business contact); an invalid link too', () => {
    expect(nextState(live(), { kind: 'over' })).toMatchObject({ phase: 'over', view: view() });
    expect(nextState(initialState(true), { kind: 'over' })).toMatchObject({ phase: 'over', view: null });
    expect(nextState(live(), { kind: 'invalid' })).toMatchObject({ phase: 'invalid' });
  });
});
