import type { AttendeeRecord, EventRecord } from '../../server/store/records';
import type { Store } from '../../server/store/store';
import { sampleAttendee as attendee, sampleMatch as match, uid } from './samples';

/**
 * Part of the Store contract (contract.ts calls it inside its suite): someone who starts over on
 * their phone keeps the blocks of the attendee they were, and blocks made against that attendee
 * later reach them too; and the counts behind each person's wait hint.
 */
export function startOverContract(
  store: () => Store,
  seed: (statuses: AttendeeRecord['status'][]) => Promise<{ ev: EventRecord; people: AttendeeRecord[] }>,
  traces?: (s: Store, needles: string[]) => Promise<string[]>,
) {
  const sorted = (ids: string[]) => [...ids].sort();

  /** A new attendee of `ev` who started over from `previousId`. */
  async function startOver(ev: EventRecord, previousId: string | undefined, status: AttendeeRecord['status'] = 'idle') {
    const a = attendee(ev.id, { status, lookingSince: status === 'looking' ? 5 : null });
    expect(await store().createAttendee(a, uid('tok'), undefined, previousId)).toBe(true);
    return a.id;
  }

  test('starting over copies every block of the earlier attendee, either way, in the join itself', async () => {
    const { ev, people } = await seed(['idle', 'idle', 'idle', 'idle']);
    const [a, b, c, d] = people.map((p) => p.id) as [string, string, string, string];
    await store().addBlock(ev.id, b, a);
    await store().addBlock(ev.id, a, c);
    await store().addBlock(ev.id, c, d);
    const n = await startOver(ev, a);
    expect(sorted(await store().listBlocksOf(ev.id, n))).toEqual(sorted([b, c]));
    // The earlier attendee stays as they were.
    expect(sorted(await store().listBlocksOf(ev.id, a))).toEqual(sorted([b, c]));
    expect(await store().listBlocksOf(ev.id, d)).toEqual([c]);
  });

  test('a block made against the earlier attendee afterwards reaches whoever started over from them, however many times over', async () => {
    const { ev, people } = await seed(['idle', 'looking', 'idle', 'idle']);
    const [a, b, c, d] = people.map((p) => p.id) as [string, string, string, string];
    const n1 = await startOver(ev, a);
    const n2 = await startOver(ev, n1, 'looking');
    expect(await store().listBlocksOf(ev.id, n2)).toEqual([]);

    // Bob, Ann's earlier match, blocks Ann from the after-chat screen: the Ann of now is kept apart too.
    expect(sorted(await store().addBlock(ev.id, b, a))).toEqual(sorted([a, n1, n2]));
    for (const id of [a, n1, n2]) expect(await store().listBlocksOf(ev.id, id)).toEqual([b]);
    expect(await store().claimMatch(match(ev.id, [n2, b]))).toBe(false);
    expect((await store().getHistory(ev.id, 0)).blocked.map(sorted)).toContainEqual(sorted([n2, b]));

    // Either way round, and only forward: a block of the newest reaches no one before them.
    await store().addBlock(ev.id, n1, c);
    expect(await store().listBlocksOf(ev.id, n2)).toContain(c);
    expect(await store().listBlocksOf(ev.id, a)).not.toContain(c);
    expect(await store().addBlock(ev.id, d, n2)).toEqual([n2]);
    expect(await store().listBlocksOf(ev.id, n1)).not.toContain(d);
  });

  test('a block and a start-over racing each other: the block reaches the new attendee in either order', async () => {
    const { ev, people } = await seed(['idle', 'idle', 'idle']);
    const [a, b, c] = people.map((p) => p.id) as [string, string, string];
    const first = attendee(ev.id);
    await Promise.all([store().addBlock(ev.id, b, a), store().createAttendee(first, uid('tok'), undefined, a)]);
    const second = attendee(ev.id);
    await Promise.all([store().createAttendee(second, uid('tok'), undefined, a), store().addBlock(ev.id, c, a)]);
    expect(sorted(await store().listBlocksOf(ev.id, first.id))).toEqual(sorted([b, c]));
    expect(sorted(await store().listBlocksOf(ev.id, second.id))).toEqual(sorted([b, c]));
  });

  test('starting over from nobody known, or into a full event, changes nothing', async () => {
    const { ev, people } = await seed(['idle', 'idle']);
    const [a, b] = people.map((p) => p.id) as [string, string];
    const other = await seed(['idle', 'idle']);
    const [x, y] = other.people.map((p) => p.id) as [string, string];
    await store().addBlock(ev.id, a, b);
    await store().addBlock(other.ev.id, x, y);
    // Someone of another event, and no one at all.
    const n1 = await startOver(ev, x);
    const n2 = await startOver(ev, 'nobody');
    await store().addBlock(other.ev.id, y, x);
    expect(await store().listBlocksOf(ev.id, n1)).toEqual([]);
    expect(await store().listBlocksOf(ev.id, n2)).toEqual([]);
    // Refused for a full event: no attendee, no copy, no link.
    const late = attendee(ev.id);
    expect(await store().createAttendee(late, uid('tok'), 4, a)).toBe(false);
    expect(await store().getAttendee(ev.id, late.id)).toBeNull();
    expect(await store().listBlocksOf(ev.id, late.id)).toEqual([]);
    expect(await store().addBlock(ev.id, b, a)).toEqual([a]);
  });

  test('forgetting someone in the middle leaves no trace of them, and the block still follows the phone past them', async () => {
    const { ev, people } = await seed(['idle', 'idle', 'idle']);
    const [a, b, c] = people.map((p) => p.id) as [string, string, string];
    await store().addBlock(ev.id, a, c);
    const n1 = await startOver(ev, a);
    const n2 = await startOver(ev, n1);
    expect(await store().deleteAttendee(ev.id, n1)).toMatchObject({ id: n1 });
    await traces?.(store(), [n1]).then((found) => expect(found).toEqual([]));
    expect(sorted(await store().addBlock(ev.id, b, a))).toEqual(sorted([a, n2]));
    expect(sorted(await store().listBlocksOf(ev.id, n2))).toEqual(sorted([b, c]));
    // The newest forgets too: nothing of them is left, and blocks of the first reach no one else.
    expect(await store().deleteAttendee(ev.id, n2)).toMatchObject({ id: n2 });
    await traces?.(store(), [n1, n2]).then((found) => expect(found).toEqual([]));
    expect(await store().addBlock(ev.id, c, a)).toEqual([a]);
  });

  test('countLookingFor counts who is looking, and those of them not on cooldown with one (a block stays silent)', async () => {
    const { ev, people } = await seed(['looking', 'looking', 'looking', 'looking', 'looking', 'idle']);
    const [a, b, c, d, e, f] = people.map((p) => p.id) as [string, string, string, string, string, string];
    const now = 1_700_000_000_000;
    await store().addBlock(ev.id, b, a);
    await store().addCooldown(ev.id, a, c, now + 60_000);
    await store().addCooldown(ev.id, a, b, now + 60_000); // blocked too: counts once
    await store().addCooldown(ev.id, a, d, now); // runs out at now
    await store().addBlock(ev.id, a, f); // not looking
    await store().addBlock(ev.id, e, d); // a block alone takes nobody off
    expect(await store().countLookingFor(ev.id, a, now)).toEqual({ looking: 5, available: 2 }); // d and e
    expect(await store().countLookingFor(ev.id, b, now)).toEqual({ looking: 5, available: 3 });
    expect(await store().countLookingFor(ev.id, e, now)).toEqual({ looking: 5, available: 4 });
    // Someone not looking: everyone looking is another, the one who blocked them included.
    expect(await store().countLookingFor(ev.id, f, now)).toEqual({ looking: 5, available: 5 });
    expect(await store().countLookingFor(ev.id, a, now + 60_000)).toEqual({ looking: 5, available: 4 });
    expect(await store().countLookingFor('no-such-event', a, now)).toEqual({ looking: 0, available: 0 });
  });
}
