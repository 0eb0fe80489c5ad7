import type { AttendeeRecord, EventRecord } from '../../server/store/records';
import type { Store } from '../../server/store/store';
import { sampleMatch as match } from './samples';

/**
 * Part of the Store contract (contract.ts calls it inside its suite): who keeps in touch in a
 * match (`sharersOf` in match-people.ts), checked in the share's own step. The last one out of a
 * group, left alone there waiting for a newcomer who never came, may still swap with whoever left
 * them; nobody swaps with someone they blocked or reported, or who blocked or reported them.
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
    await store().shareContact(ev.id, m.id, b!, { email: 'b@example.com' });
    // b goes before c found them: the match ends with c still on the way.
    expect(await store().endMatch(ev.id, m.id, 'partner_left', 2, {})).toMatchObject({ status: 'ended', arriving: [c] });
    expect(await store().shareContact(ev.id, m.id, c!, { email: 'c@example.com' })).toBeNull();
    expect(await store().shareContact(ev.id, m.id, a!, { email: 'a@example.com' })).toEqual({
      contacts: { [a!]: { email: 'a@example.com' }, [b!]: { email: 'b@example.com' } },
      revealed: true,
    });
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

  test('nothing is swapped between two people one of whom blocked the other, nor by anyone in a match with them', async () => {
    const { ev, people } = await seed(['looking', 'looking', 'looking']);
    const [a, b, c] = people.map((p) => p.id) as [string, string, string];
    const trio = match(ev.id, [a, b, c]);
    await store().claimMatch(trio);
    await store().shareContact(ev.id, trio.id, a, { email: 'a@example.com' });
    await store().shareContact(ev.id, trio.id, c, { email: 'c@example.com' });
    await store().addBlock(ev.id, b, a);
    // Either way round, and the offers standing are never revealed: the swap is for all of them.
    expect(await store().shareContact(ev.id, trio.id, b, { email: 'b@example.com' })).toBeNull();
    expect(await store().shareContact(ev.id, trio.id, a, { email: 'a2@example.com' })).toBeNull();
    expect(await store().shareContact(ev.id, trio.id, c, { email: 'c2@example.com' })).toBeNull();
    expect(await store().getContacts(ev.id, trio.id)).toEqual({
      contacts: { [a]: { email: 'a@example.com' }, [c]: { email: 'c@example.com' } },
      revealed: false,
    });
  });
}
