import { defaultTrackingSettings } from '../directory/model';
import { type TrackingVisitRecord } from './model';
import type { LinkCaller } from '../auth/capability-links';
import { straightLineEta } from './eta';
import { distanceUnitOf, etagOf, matchesIfNoneMatch, trackingView, visitForLink } from './view';

const visit: TrackingVisitRecord = {
  businessId: 'biz_1',
  jobId: 'job_1',
  visitId: 'vis_1',
  customerId: 'cus_1',
  technician: { name: 'Dev Okafor', photoUrl: null, vehicle: 'White van' },
  status: 'en_route',
  startedAt: '2026-11-22T14:00:00.000Z',
  expiresAt: '2026-11-23T02:00:00.000Z',
  arrivedAt: null,
  completedAt: null,
  destination: { lat: 39.7817, lng: -89.6501 },
  position: { lat: 39.6817, lng: -89.6501, accuracy: 10, heading: 0, speed: 12, at: '2026-11-22T14:02:00.000Z' },
  business: { name: 'Acme', timeZone: 'America/Chicago', primaryColor: '#0b5cad', logoUrl: null, contactPhone: '+15555550100', contactEmail: null },
  settings: defaultTrackingSettings,
  language: { business: 'en' },
  version: 3,
  createdAt: '2026-11-22T14:00:00.000Z',
  updatedAt: '2026-11-22T14:02:01.000Z',
};
const deps = { eta: straightLineEta, mapTiles: null };
const caller: LinkCaller = { kind: 'tracking', businessId: 'biz_1', customerId: 'cus_1', id: 'job_1', issuedAt: '2026-11-22T14:00:01.000Z', expiresAt: visit.expiresAt };
const store = (v: TrackingVisitRecord | null) => ({ getVisit: async () => v, putVisit: async () => true, recordPosition: async () => true });
const at = (iso: string) => ({ now: () => new Date(iso) });

describe('trackingView', () => {
  test('en route: the position, the distance and the ETA; never the device details', async () => {
    const view = await trackingView(visit, deps);
    expect(view.position).toEqual({ lat: 39.6817, lng: -89.6501, at: '2026-11-22T14:02:00.000Z' });
    expect(view.distanceMeters).toBe(11_120);
    expect(view.eta).toEqual({ earliest: '2026-11-22T14:20:00.000Z', latest: '2026-11-22T14:30:00.000Z' });
    expect(JSON.stringify(view)).not.toMatch(/accuracy|heading|speed|visitId|customerId/);
  });

  test('arrived: no position, distance or ETA, even if one were still stored', async () => {
    const view = await trackingView({ ...visit, status: 'arrived' }, deps);
    expect(view.status).toBe('arrived');
    expect(Object.keys(view)).not.toEqual(expect.arrayContaining(['position']));
    expect(view).not.toHaveProperty('eta');
  });

  test('the map tiles of the stage, when it has some', async () => {
    const view = await trackingView(visit, { ...deps, mapTiles: { urlTemplate: 'https://tiles.example/{z}/{x}/{y}.png', attribution: '© Tiles', maxZoom: 18 } });
    expect(view.map).toEqual({ tileUrl: 'https://tiles.example/{z}/{x}/{y}.png', attribution: '© Tiles', maxZoom: 18 });
  });
});

describe('ETag', () => {
  test('the same answer has the same tag; any change changes it', async () => {
    const a = etagOf(await trackingView(visit, deps));
    expect(etagOf(await trackingView({ ...visit }, deps))).toBe(a);
    expect(etagOf(await trackingView({ ...visit, position: { ...visit.position!, lat: 39.6818 } }, deps))).not.toBe(a);
    expect(etagOf(await trackingView({ ...visit, status: 'arrived' }, deps))).not.toBe(a);
  });

  test('If-None-Match: the tag, a list holding it, its weak form or *', () => {
    expect(matchesIfNoneMatch('"abc"', '"abc"')).toBe(true);
    expect(matchesIfNoneMatch('"x", W/"abc"', '"abc"')).toBe(true);
    expect(matchesIfNoneMatch('*', '"abc"')).toBe(true);
    expect(matchesIfNoneMatch('"abd"', '"abc"')).toBe(false);
    expect(matchesIfNoneMatch(undefined, '"abc"')).toBe(false);
  });
});

describe('visitForLink', () => {
  test('the live visit of the link; 410 when it is over, expired, of an earlier visit or of someone else', async () => {
    const now = at('2026-11-22T15:00:00.000Z');
    await expect(visitForLink(caller, { tracking: store(visit), clock: now })).resolves.toBe(visit);
    await expect(visitForLink(caller, { tracking: store({ ...visit, status: 'completed' }), clock: now })).rejects.toMatchObject({ kind: 'gone' });
    await expect(visitForLink(caller, { tracking: store(visit), clock: at('2026-11-23T02:00:00.000Z') })).rejects.toMatchObject({ kind: 'gone' });
    await expect(visitForLink(caller, { tracking: store({ ...visit, startedAt: '2026-11-22T14:30:00.000Z' }), clock: now })).rejects.toMatchObject({ kind: 'gone' });
    await expect(visitForLink(caller, { tracking: store({ ...visit, customerId: 'cus_2' }), clock: now })).rejects.toMatchObject({ kind: 'gone' });
    await expect(visitForLink(caller, { tracking: store(null), clock: now })).rejects.toMatchObject({ kind: 'gone' });
    await expect(visitForLink({ ...caller, kind: 'estimate' }, { tracking: store(visit), clock: now })).rejects.toMatchObject({ kind: 'not-found' });
  });
});

test('distance unit: the setting, else miles in US and UK time zones, kilometres elsewhere', () => {
  const unit = (timeZone: string, distanceUnit: 'mi' | 'km' | null = null) => distanceUnitOf({ settings: { ...defaultTrackingSettings, distanceUnit }, business: { ...visit.business, timeZone } });
  expect(['America/Chicago', 'America/Indiana/Indianapolis', 'Pacific/Honolulu', 'Europe/London'].map((z) => unit(z))).toEqual(['mi', 'mi', 'mi', 'mi']);
  expect(['America/Toronto', 'America/Mexico_City', 'Europe/Warsaw', 'Australia/Sydney'].map((z) => unit(z))).toEqual(['km', 'km', 'km', 'km']);
  expect(unit('America/Chicago', 'km')).toBe('km');
});
