import { defaultTrackingSettings } from '../directory/model';
import { greatCircleMeters, straightLineEta } from './eta';

describe('greatCircleMeters', () => {
  test('one degree of latitude is about 111.2 km; a point to itself is 0', () => {
    expect(greatCircleMeters({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo(111_195, -1);
    expect(greatCircleMeters({ lat: 39.78, lng: -89.65 }, { lat: 39.78, lng: -89.65 })).toBe(0);
  });

  test('Springfield IL to Chicago is about 288 km as the crow flies', () => {
    expect(greatCircleMeters({ lat: 39.7817, lng: -89.6501 }, { lat: 41.8781, lng: -87.6298 }) / 1000).toBeCloseTo(288, 0);
  });
});

describe('straightLineEta', () => {
  const at = new Date('2026-11-22T14:02:00.000Z');
  const to = { lat: 39.7817, lng: -89.6501 };
  // 0.1° of latitude south of the destination: 11.12 km.
  const from = { lat: 39.6817, lng: -89.6501 };

  test('distance × road factor ÷ speed, as a range rounded out to 5 minutes', async () => {
    const eta = await straightLineEta.estimate(from, to, at, defaultTrackingSettings);
    expect(eta.distanceMeters).toBe(11_120);
    // 11.12 km × 1.3 at 40 km/h = 21.7 min; 0.85× = 18.4 → 14:20, 1.25× = 27.1 → 14:29 → 14:30.
    expect(eta.earliest.toISOString()).toBe('2026-11-22T14:20:00.000Z');
    expect(eta.latest.toISOString()).toBe('2026-11-22T14:30:00.000Z');
  });

  test("follows the business's settings: a slower town and twistier roads mean later", async () => {
    const eta = await straightLineEta.estimate(from, to, at, { roadFactor: 1.5, averageSpeedKmh: 25, distanceUnit: null });
    // 11.12 × 1.5 at 25 km/h = 40 min: 34 → 14:35, 50 → 14:55.
    expect(eta.earliest.toISOString()).toBe('2026-11-22T14:35:00.000Z');
    expect(eta.latest.toISOString()).toBe('2026-11-22T14:55:00.000Z');
  });

  test('close by, the range is never narrower than 10 minutes', async () => {
    const eta = await straightLineEta.estimate({ lat: 39.7812, lng: -89.6501 }, to, at, defaultTrackingSettings);
    expect(eta.distanceMeters).toBe(56);
    expect(eta.earliest.toISOString()).toBe('2026-11-22T14:00:00.000Z');
    expect(eta.latest.getTime() - eta.earliest.getTime()).toBe(10 * 60_000);
  });
});
