import type { Model } from '../../client/src/attendee/model';
import { swappedWithSomeone } from '../../client/src/attendee/views/people';
import { endedHint } from '../../client/src/attendee/views/status';
import type { Connection } from '../../shared/schemas';
import { listedAs } from '../helpers/connections';

/** The thank-you screen's last line: about details, as it stands for this person. */
describe('the thank-you hint (endedHint)', () => {
  const listed = (over: Partial<Connection> = {}) => listedAs({})('Ann', over);
  const model = (connections: Connection[]) =>
    ({ state: null, revealed: {}, revealedSinceList: [], swapped: [], connections, connectionsCover: ['m1'], shared: [] }) as unknown as Model;

  test('nobody swapped with: details stayed private', () => {
    const m = model([listed()]);
    expect(swappedWithSomeone(m)).toBe(false);
    expect(endedHint(swappedWithSomeone(m))).toBe('Your details stay private unless you both chose to share.');
  });

  test('swapped with someone: save what was swapped, it will not stay here', () => {
    const m = model([listed({ contact: { email: 'ann@example.com' } as Connection['contact'] }), listed({ attendeeId: 'bob', name: 'Bob', matchId: 'm2' })]);
    expect(swappedWithSomeone(m)).toBe(true);
    expect(endedHint(swappedWithSomeone(m))).toBe(
      'Save the details you swapped before you go: Mingle deletes them a while after the event. Only people you swapped with saw yours.',
    );
  });
});
