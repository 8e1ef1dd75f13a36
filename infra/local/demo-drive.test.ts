import { greatCircleMeters } from '../../shared/tracking/eta';
import { demo } from './seed';
import { captureConsole, startTestStack, type TestStack } from './test-support';
import { drive, routeTo } from './demo-drive';

test('the route starts about 3 km away and ends at the destination, getting closer on the way', () => {
  const destination = demo.locations.jordan;
  const route = routeTo(destination, 20);
  expect(route).toHaveLength(20);
  expect(greatCircleMeters(route[0]!, destination)).toBeGreaterThan(2_500);
  expect(greatCircleMeters(route[0]!, destination)).toBeLessThan(3_500);
  expect(route.at(-1)).toEqual(destination);
  const distances = route.map((p) => greatCircleMeters(p, destination));
  expect(distances.every((d, i) => i === 0 || d <= distances[i - 1]!)).toBe(true);
});

describe('npm run demo:drive against the local stack', () => {
  let stack: TestStack;
  let restore: () => void;
  beforeAll(async () => {
    restore = captureConsole([]);
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack.stop();
    restore();
  });

  test("drives to Jordan's next visit through the business API: the link is sent, the positions land, the visit ends", async () => {
    const lines: string[] = [];
    await drive({ url: stack.url, key: stack.demo.acme.apiKey, jobId: 'job_fc1090', everyMs: 0, steps: 5, complete: false, print: (l) => lines.push(l) });
    await stack.drainQueues();
    expect(stack.outbox.messages()[0]!.link).toContain('/acme/track#token=');
    expect(lines.filter((l) => l.startsWith('position') && !l.includes('ignored'))).toHaveLength(5);
    const visit = (await stack.stores.tracking.getVisit(stack.demo.acme.business.id, 'job_fc1090'))!;
    expect([visit.status, visit.position]).toEqual(['arrived', null]);
    await drive({ url: stack.url, key: stack.demo.acme.apiKey, jobId: 'job_fc1090', everyMs: 0, steps: 1, complete: true, print: (l) => lines.push(l) });
    expect(lines).toContain('Tracking was already under way for J-1090 (same link, nothing sent again).');
    expect((await stack.stores.tracking.getVisit(stack.demo.acme.business.id, 'job_fc1090'))!.status).toBe('completed');
  });
});
