import { DISTANCE_EVERY_MS, nextAnnouncement, quiet, type AnnouncerState, type Words } from './announcer';

const onTheWay = (distance: string): Words => ({ status: 'en_route', text: `On the way. ${distance} away.`, detail: distance });
const arrived: Words = { status: 'arrived', text: 'Dev Okafor has arrived.', detail: '' };

/** Feeds the words in at their times (ms from 0) and returns what the live region held after each. */
function run(steps: [number, Words][]): (string | null)[] {
  let state: AnnouncerState = quiet;
  return steps.map(([at, words]) => (state = nextAnnouncement(state, words, at)).said);
}

describe('the tracking announcer', () => {
  it('says nothing for the first view: the page already says it', () => {
    expect(run([[0, onTheWay('2.3 mi')]])).toEqual([null]);
  });

  it('says the distance at most once a minute, however often it changes, and the latest words when the minute is up', () => {
    const said = run([
      [0, onTheWay('2.3 mi')],
      [3_000, onTheWay('2.2 mi')],
      [30_000, onTheWay('1.8 mi')],
      [DISTANCE_EVERY_MS - 1, onTheWay('1.5 mi')],
      [DISTANCE_EVERY_MS, onTheWay('1.5 mi')],
      [DISTANCE_EVERY_MS + 3_000, onTheWay('1.4 mi')],
      [2 * DISTANCE_EVERY_MS + 1_000, onTheWay('0.9 mi')],
    ]);
    expect(said).toEqual([null, null, null, null, 'On the way. 1.5 mi away.', 'On the way. 1.5 mi away.', 'On the way. 0.9 mi away.']);
    // Seven refreshes over two minutes, two announcements.
    expect(new Set(said.filter(Boolean)).size).toBe(2);
  });

  it('says nothing new when the words have not changed, however long it has been', () => {
    expect(run([[0, onTheWay('2.3 mi')], [10 * DISTANCE_EVERY_MS, onTheWay('2.3 mi')]])).toEqual([null, null]);
  });

  it('says a change of status at once, even seconds after the last announcement', () => {
    const said = run([
      [0, onTheWay('0.5 mi')],
      [DISTANCE_EVERY_MS, onTheWay('0.2 mi')],
      [DISTANCE_EVERY_MS + 3_000, arrived],
    ]);
    expect(said).toEqual([null, 'On the way. 0.2 mi away.', 'Dev Okafor has arrived.']);
  });
});
