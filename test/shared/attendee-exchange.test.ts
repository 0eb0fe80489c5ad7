import { closedLine, closedLineFor, closedOf, exchangeOf, notInSwapLine } from '../../client/src/attendee/exchange';
import type { Model } from '../../client/src/attendee/model';
import type { Connection } from '../../shared/schemas';

/** Someone in match m1 as the server lists them: `base`, then `over`, over a refused, unshared default. */
const listedAs =
  (base: Partial<Connection>) =>
  (name: string, over: Partial<Connection> = {}): Connection => ({
    attendeeId: name.toLowerCase(),
    name,
    sharedTopics: [],
    matchId: 'm1',
    at: '2026-11-27T05:00:00.000Z',
    contact: null,
    shared: false,
    canShare: false,
    pending: false,
    carriedOn: false,
    ...base,
    ...over,
  });

/**
 * What the attendee page says about keeping in touch after a match ended, from the server's list
 * (`GET /api/me/connections`): the rule the after-chat card, the Keep in touch sheet and People
 * I met share. The browser tests show it on a page; these pin the cases a page would take four
 * phones to reach.
 */
describe('why details can no longer be swapped (closedOf, closedLine)', () => {
  const listed = listedAs({});
  const model = (connections: Connection[], shared: string[] = []) =>
    ({ state: null, revealed: {}, connections, connectionsCover: ['m1'], shared }) as unknown as Model;
  const people = (...names: string[]) => names.map((name) => ({ id: name.toLowerCase(), name }));

  test('I left and they carried on: says who, and what to do next time', () => {
    const m = model([listed('Bob', { carriedOn: true })]);
    const closed = closedOf(m, 'm1', people('Bob'));
    expect(closed).toEqual({ why: 'carried-on', people: people('Bob') });
    expect(closedLine(closed!, people('Bob'))).toBe(
      "Bob carried on without you, so it's too late to swap details with them. Next time, swap details before you go.",
    );
  });

  test('had I offered mine, it says nobody saw them rather than what to do next time', () => {
    const m = model([listed('Bob', { carriedOn: true, shared: true })], ['m1']);
    const closed = closedOf(m, 'm1', people('Bob'))!;
    expect(closedLine(closed, people('Bob'), true)).toBe("Bob carried on without you, so it's too late to swap details with them. Nobody saw your details.");
  });

  test('others left too: it names those who carried on, not those who left', () => {
    // Ann left a circle, then Bob left; Cy and Dee carried on.
    const m = model([listed('Bob'), listed('Cy', { carriedOn: true }), listed('Dee', { carriedOn: true })]);
    const closed = closedOf(m, 'm1', people('Bob', 'Cy', 'Dee'))!;
    expect(closed).toEqual({ why: 'carried-on', people: people('Cy', 'Dee') });
    expect(closedLine(closed, people('Bob', 'Cy', 'Dee'))).toMatch(/^Cy and Dee carried on without you/);
    // On People I met, Bob's own entry is about Bob.
    expect(closedLineFor(closed, people('Bob')[0]!, people('Bob', 'Cy', 'Dee'))).toBe(
      "Bob left too, and the others carried on, so it's too late to swap details from that chat.",
    );
    expect(closedLineFor(closed, people('Cy')[0]!, people('Bob', 'Cy', 'Dee'))).toMatch(/^Cy and Dee carried on without you/);
  });

  test('"not yet" wins, and with no reason given it is only "too late"', () => {
    expect(closedOf(model([listed('Bob', { pending: true })]), 'm1', people('Bob'))).toEqual({ why: 'not-yet', people: people('Bob') });
    const refused = closedOf(model([listed('Bob')]), 'm1', people('Bob'))!;
    expect(refused).toEqual({ why: 'refused' });
    expect(closedLine(refused, people('Bob'))).toBe('Too late to swap details from that chat.');
    // Someone I may still swap with: nothing is closed.
    expect(closedOf(model([listed('Bob', { carriedOn: true }), listed('Cy', { canShare: true })]), 'm1', people('Bob', 'Cy'))).toBeNull();
  });
});

describe('details swapped while the page was open (exchangeOf)', () => {
  const listed = listedAs({ shared: true, canShare: true });
  const rosa = { attendeeId: 'rosa', name: 'Rosa', contact: { email: 'rosa@example.com' } };
  const model = (connections: Connection[], cover: string[]) =>
    ({ state: null, revealed: { m1: [rosa] }, connections, connectionsCover: cover, shared: ['m1'] }) as unknown as Model;

  test('are shown while the list still names their owner, or has not spoken for that match', () => {
    expect(exchangeOf(model([listed('Rosa')], ['m1']), 'm1')).toEqual({ status: 'revealed', contacts: [rosa] });
    // A list asked for before the match ended says nothing about who is still there.
    expect(exchangeOf(model([], []), 'm1')).toEqual({ status: 'revealed', contacts: [rosa] });
  });

  test('go once the list no longer names their owner (they deleted their data), leaving no offer waiting', () => {
    // Pat left before the swap and is still listed; Rosa, who swapped, is not any more.
    expect(exchangeOf(model([listed('Pat', { canShare: false })], ['m1']), 'm1')).toEqual({ status: 'none' });
    expect(exchangeOf(model([], ['m1']), 'm1')).toEqual({ status: 'none' });
  });

  test('someone in the match but not in the swap is told why, by name', () => {
    expect(notInSwapLine({ id: 'pat', name: 'Pat' }, [rosa])).toBe(
      "Pat wasn't there when you swapped details with Rosa, so you can't swap with them from that chat.",
    );
  });
});
