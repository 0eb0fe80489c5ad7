import type { AttendeeRecord, EventRecord } from '../../server/store/records';
import type { Store } from '../../server/store/store';
import { sampleMatch as match } from './samples';

/**
 * Part of the Store contract (contract.ts calls it inside its suite): who keeps in touch in a
 * match (`sharersOf` in match-people.ts), checked in the share's own step. The last one out of a
 * group, left alone there waiting for a newcomer who never came, may still swap with whoever left
 * them. Offers are taken between someone and whoever they blocked or reported (a refusal would
 * tell), but an exchange with such a pair among its sharers is never revealed.
 */
export function sharingContract(
  store: () => Store,
  seed: (statuses: AttendeeRecord['status'][]) => Promise<{ ev: EventRecord; people: AttendeeRecord[] }>,
) {
  const idle = { status: 'idle' as const, lookingSince: null };

  /** These chatting (those past the first two joined before it met); then `newcomer` is sent to join them. */
  async function waitingForNewcomer(n: number) {
    const { ev, people } = await seed(Array<AttendeeRecord['status']>(n + 1).fill('looking'));
    const ids = people.map((p) => p.id);
    const newcomer = ids.pop()!;
    const m = match(ev.id, ids);
    await store().claimMatch(m);
    await store().updateMatch(ev.id, m.id, ['matched'], { status: 'chatting', metAt: 1 });
    expect(await store().joinMatch(ev.id, m.id, newcomer, 5, [], 0)).toMatchObject({ arriving: [newcomer] });
    return { ev, m, ids, newcomer };
  }

  test('the last one out, alone waiting for a newcomer who never came, may still swap with whoever left them', async () => {
    const { ev, m, ids: [a, b], newcomer: c } = await waitingForNewcomer(2);
    await store().removeFromMatch(ev.id, m.id, a!, idle);
    // While b waits, c may yet come: a is out of it.
    expect(await store().shareContact(ev.id, m.id, a!, { email: 'a@example.com' })).toBeNull();
    // b offers while alone there: meant for c, on her way, not for a.
    await store().shareContact(ev.id, m.id, b!, { email: 'b@example.com' });
    // b goes before c found them: the match ends with c still on the way.
    expect(await store().endMatch(ev.id, m.id, 'partner_left', 2, {})).toMatchObject({ status: 'ended', arriving: [c] });
    // Who keeps in touch in it changed: b's offer, made for c, is gone; a's alone reveals nothing.
    expect(await store().getContacts(ev.id, m.id)).toEqual({ contacts: {}, revealed: false });
    expect(await store().shareContact(ev.id, m.id, c!, { email: 'c@example.com' })).toBeNull();
    expect(await store().shareContact(ev.id, m.id, a!, { email: 'a@example.com' })).toEqual({
      contacts: { [a!]: { email: 'a@example.com' } },
      revealed: false,
    });
    // Once b offers again, now to a, the two swap.
    expect(await store().shareContact(ev.id, m.id, b!, { email: 'b@example.com' })).toEqual({
      contacts: { [a!]: { email: 'a@example.com' }, [b!]: { email: 'b@example.com' } },
      revealed: true,
    });
  });

  test('an offer made while a newcomer is on the way is dropped when the match ends before they came', async () => {
    const { ev, m, ids: [a, b] } = await waitingForNewcomer(2);
    await store().shareContact(ev.id, m.id, a!, { email: 'a@example.com' });
    await store().shareContact(ev.id, m.id, b!, { email: 'b@example.com' });
    // c never comes: their offers were for a circle with c in it, and are not revealed to each other.
    await store().endMatch(ev.id, m.id, 'timeout', 2, {});
    expect(await store().getContacts(ev.id, m.id)).toEqual({ contacts: {}, revealed: false });
    expect(await store().shareContact(ev.id, m.id, a!, { email: 'a@example.com' })).toMatchObject({ revealed: false });
    expect(await store().shareContact(ev.id, m.id, b!, { email: 'b@example.com' })).toMatchObject({ revealed: true });
    expect(Object.keys((await store().getContacts(ev.id, m.id)).contacts).sort()).toEqual([a!, b!].sort());
  });

  test('someone on their way keeps in touch only once they have found the group', async () => {
    const { ev, m, ids: [a, b], newcomer: c } = await waitingForNewcomer(2);
    // Offered before they met: it would reveal the group's details to someone who never met them.
    expect(await store().shareContact(ev.id, m.id, c!, { email: 'c@example.com' })).toBeNull();
    expect(await store().getContacts(ev.id, m.id)).toEqual({ contacts: {}, revealed: false });
    await store().shareContact(ev.id, m.id, a!, { email: 'a@example.com' });
    await store().shareContact(ev.id, m.id, b!, { email: 'b@example.com' });
    await store().arrived(ev.id, m.id, c!);
    expect(await store().shareContact(ev.id, m.id, c!, { email: 'c@example.com' })).toMatchObject({ revealed: true });
  });

  test('a newcomer who never came and then forgets themselves leaves the two who met free to swap', async () => {
    const { ev, m, ids: [a, b], newcomer: c } = await waitingForNewcomer(2);
    await store().endMatch(ev.id, m.id, 'timeout', 2, {});
    await store().shareContact(ev.id, m.id, a!, { email: 'a@example.com' });
    expect(await store().deleteAttendee(ev.id, c!)).not.toBeNull();
    const after = await store().getMatch(ev.id, m.id);
    expect(JSON.stringify(after)).not.toContain(c!);
    // c never arrived: forgetting them takes nobody out of who keeps in touch in it, and a's
    // offer, made after the end to b alone, stands.
    expect(await store().shareContact(ev.id, m.id, b!, { email: 'b@example.com' })).toEqual({
      contacts: { [a!]: { email: 'a@example.com' }, [b!]: { email: 'b@example.com' } },
      revealed: true,
    });
  });

  test('a forgotten member who met still closes the swap when a forgotten no-show is on the list too', async () => {
    const { ev, m, ids: [a, b, c], newcomer: d } = await waitingForNewcomer(3);
    await store().endMatch(ev.id, m.id, 'done', 5, {});
    expect(await store().deleteAttendee(ev.id, b!)).not.toBeNull();
    expect(await store().deleteAttendee(ev.id, d!)).not.toBeNull();
    const after = await store().getMatch(ev.id, m.id);
    expect(after).toMatchObject({ memberIds: [a, '~', c, '~'], arriving: ['~'] });
    // b met them and is gone for good, so nobody could complete the swap: refused, as without d.
    expect(await store().shareContact(ev.id, m.id, a!, { email: 'a@example.com' })).toBeNull();
    expect(await store().shareContact(ev.id, m.id, c!, { email: 'c@example.com' })).toBeNull();
  });

  test('only the last to leave them: the one the others carried on without stays out', async () => {
    const { ev, m, ids: [a, b, d], newcomer: c } = await waitingForNewcomer(3);
    await store().removeFromMatch(ev.id, m.id, d!, idle); // b and a carry on without d
    await store().removeFromMatch(ev.id, m.id, a!, idle); // b is left alone, waiting for c
    await store().endMatch(ev.id, m.id, 'partner_left', 2, {});
    expect(await store().shareContact(ev.id, m.id, d!, { email: 'd@example.com' })).toBeNull();
    await store().shareContact(ev.id, m.id, b!, { email: 'b@example.com' });
    expect(await store().shareContact(ev.id, m.id, a!, { email: 'a@example.com' })).toMatchObject({ revealed: true });
    expect(Object.keys((await store().getContacts(ev.id, m.id)).contacts).sort()).toEqual([a!, b!].sort());
  });

  test('offers between two people one of whom blocked the other are kept, but never revealed, even once everyone offered', async () => {
    const { ev, people } = await seed(['looking', 'looking', 'looking']);
    const [a, b, c] = people.map((p) => p.id) as [string, string, string];
    const trio = match(ev.id, [a, b, c]);
    await store().claimMatch(trio);
    await store().shareContact(ev.id, trio.id, a, { email: 'a@example.com' });
    await store().shareContact(ev.id, trio.id, c, { email: 'c@example.com' });
    await store().addBlock(ev.id, b, a);
    // Either way round nothing is refused (a refusal would tell), and nothing is revealed.
    expect(await store().shareContact(ev.id, trio.id, b, { email: 'b@example.com' })).toEqual({
      contacts: { [a]: { email: 'a@example.com' }, [b]: { email: 'b@example.com' }, [c]: { email: 'c@example.com' } },
      revealed: false,
    });
    expect(await store().shareContact(ev.id, trio.id, a, { email: 'a2@example.com' })).toMatchObject({ revealed: false });
    expect(await store().shareContact(ev.id, trio.id, c, { email: 'c2@example.com' })).toMatchObject({ revealed: false });
    expect(await store().getContacts(ev.id, trio.id)).toMatchObject({ revealed: false });
  });

  test('nor revealed when the one who had not offered leaves a blocked pair behind', async () => {
    const { ev, people } = await seed(['looking', 'looking', 'looking']);
    const [a, b, c] = people.map((p) => p.id) as [string, string, string];
    const trio = match(ev.id, [a, b, c]);
    await store().claimMatch(trio);
    await store().shareContact(ev.id, trio.id, a, { email: 'a@example.com' });
    await store().shareContact(ev.id, trio.id, b, { email: 'b@example.com' });
    await store().addBlock(ev.id, a, b);
    expect(await store().removeFromMatch(ev.id, trio.id, c, idle)).toMatchObject({ revealed: false });
    expect(await store().getContacts(ev.id, trio.id)).toMatchObject({ revealed: false });
  });

  test('A offers, then blocks B, then B offers: not revealed, and neither gets the other\'s details', async () => {
    const { ev, people } = await seed(['looking', 'looking']);
    const [a, b] = people.map((p) => p.id) as [string, string];
    const pair = match(ev.id, [a, b]);
    await store().claimMatch(pair);
    await store().updateMatch(ev.id, pair.id, ['matched'], { status: 'chatting', metAt: 1 });
    await store().shareContact(ev.id, pair.id, a, { email: 'a@example.com' });
    await store().addBlock(ev.id, a, b);
    await store().endMatch(ev.id, pair.id, 'done', 2, {});
    // B's offer is taken as any other (nothing tells B of the block), and stays unrevealed.
    expect(await store().shareContact(ev.id, pair.id, b, { email: 'b@example.com' })).toEqual({
      contacts: { [a]: { email: 'a@example.com' }, [b]: { email: 'b@example.com' } },
      revealed: false,
    });
    expect(await store().shareContact(ev.id, pair.id, a, { email: 'a@example.com' })).toMatchObject({ revealed: false });
    expect(await store().getContacts(ev.id, pair.id)).toMatchObject({ revealed: false });
  });
}
