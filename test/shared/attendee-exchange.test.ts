import { closedLine, closedLineFor, closedOf, exchangeOf, keepersOf, notInSwapLine, swappedIn, swappedWithoutMe, swappedWithoutMeLine } from '../../client/src/attendee/exchange';
import type { Model } from '../../client/src/attendee/model';
import type { Connection } from '../../shared/schemas';
import { listedAs } from '../helpers/connections';

/**
 * What the attendee page says about keeping in touch after a match ended, from the server's list
 * (`GET /api/me/connections`): the rule the after-chat card, the Keep in touch sheet and People
 * I met share. The browser tests show it on a page; these pin the cases a page would take four
 * phones to reach.
 */
describe('why details can no longer be swapped (closedOf, closedLine)', () => {
  const listed = listedAs({});
  const model = (connections: Connection[], shared: string[] = []) =>
    ({ state: null, revealed: {}, revealedSinceList: [], swapped: [], connections, connectionsCover: ['m1'], shared }) as unknown as Model;
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

  test('they swapped details when I was not there: says so, names them, and asks nothing of me next time', () => {
    const m = model([listed('Pat', { notInSwap: true }), listed('Rita', { notInSwap: true })]);
    expect(swappedWithoutMe(m, 'm1')).toEqual(people('Pat', 'Rita'));
    const closed = closedOf(m, 'm1', people('Pat', 'Rita'))!;
    expect(closed).toEqual({ why: 'not-in-swap', people: people('Pat', 'Rita') });
    expect(closedLine(closed, people('Pat', 'Rita'))).toBe("Pat and Rita swapped details when you weren't there, so details can't be swapped from that chat.");
    // In the chat I have just joined: before I joined.
    expect(swappedWithoutMeLine(people('Pat'), true)).toBe("Pat swapped details before you joined, so details can't be swapped in this chat.");
  });

  test('after my own swap, whoever has left took their details with them: nothing "can no longer be swapped"', () => {
    const m = { ...model([]), swapped: ['m1'] } as Model;
    expect(swappedIn(m, 'm1')).toBe(true);
    expect(swappedWithoutMe(model([listed('Sam', { notInSwap: true })]), 'm1')).toEqual(people('Sam'));
    expect(swappedWithoutMe({ ...model([listed('Sam', { notInSwap: true })]), swapped: ['m1'] } as Model, 'm1')).toEqual([]);
    const closed = closedOf(m, 'm1', people('Quinn'))!;
    expect(closed).toEqual({ why: 'gone', people: people('Quinn') });
    expect(closedLine(closed, people('Quinn'), false, true)).toBe('Quinn has left the event, so their details are no longer shown here.');
    expect(closedLine(closed, people('Quinn'))).toBe('Quinn has left the event, so details can no longer be swapped.');
  });
});

describe('details swapped while the page was open (exchangeOf, keepersOf)', () => {
  const listed = listedAs({ shared: true, canShare: true });
  const rosa = { attendeeId: 'rosa', name: 'Rosa', contact: { email: 'rosa@example.com' } };
  const sam = { attendeeId: 'sam', name: 'Sam', contact: { phone: '+44 7700 900123' } };
  /** A phone that saw Rosa and Sam's details revealed live; `since`: matches revealed after its list was asked for. */
  const model = (connections: Connection[] | null, since: string[] = [], cover: string[] = []) =>
    ({
      state: null,
      revealed: { m1: [rosa, sam] },
      revealedSinceList: since,
      connections,
      connectionsCover: cover,
      swapped: [],
      shared: [],
    }) as unknown as Model;

  test('are shown while the list names their owners, or was asked for before the reveal, or not yet loaded', () => {
    const both = { status: 'revealed', contacts: [rosa, sam] };
    expect(exchangeOf(model([listed('Rosa'), listed('Sam')]), 'm1')).toEqual(both);
    expect(exchangeOf(model([], ['m1']), 'm1')).toEqual(both);
    expect(exchangeOf(model(null), 'm1')).toEqual(both);
  });

  test('go, one by one, once a list asked for since no longer names their owner; with all gone, no offer waits', () => {
    // Rosa deleted her data; Sam is still here (the match may be over or still on).
    expect(exchangeOf(model([listed('Sam')]), 'm1')).toEqual({ status: 'revealed', contacts: [sam] });
    // Both gone; Pat, who was not in the swap, is still listed.
    expect(exchangeOf(model([listed('Pat', { canShare: false })]), 'm1')).toEqual({ status: 'none' });
    expect(exchangeOf(model([]), 'm1')).toEqual({ status: 'none' });
  });

  test('the Keep in touch sheet leaves out whoever a list covering the match no longer names', () => {
    const people = [
      { id: 'rosa', name: 'Rosa' },
      { id: 'sam', name: 'Sam' },
    ];
    expect(keepersOf(model([listed('Sam')], [], ['m1']), 'm1', people)).toEqual([people[1]]);
    // A list asked for before the match ended says nothing of who is still there.
    expect(keepersOf(model([listed('Sam')]), 'm1', people)).toEqual(people);
  });

  test('someone in the match but not in the swap is told why, by name', () => {
    expect(notInSwapLine({ id: 'pat', name: 'Pat' }, [rosa])).toBe(
      "Pat wasn't there when you swapped details with Rosa, so you can't swap details with Pat from that chat.",
    );
    // Still chatting; and once those I swapped with have left, they go unnamed.
    expect(notInSwapLine({ id: 'pat', name: 'Pat' }, [rosa], true)).toMatch(/from this chat\.$/);
    expect(notInSwapLine({ id: 'pat', name: 'Pat' }, [])).toBe("Pat wasn't there when you swapped details, so you can't swap details with Pat from that chat.");
  });
});
