import type { AttendeeRecord, EventRecord } from '../../server/store/records';
import type { Store } from '../../server/store/store';
import { sampleMatch as match } from './samples';

/**
 * Part of the Store contract (contract.ts calls it inside its suite): when time runs out on a
 * match, the step that takes someone off it (`endMatch`, `removeFromMatch`) also keeps why on
 * them (`matchTimedOut`, `arrivalTimedOut`), so that no reader ever sees them off the match
 * without the reason. Each check reads the attendee right after that one call, with no other
 * write in between.
 */
export function timedOutContract(
  store: () => Store,
  seed: (statuses: AttendeeRecord['status'][]) => Promise<{ ev: EventRecord; people: AttendeeRecord[] }>,
) {
  const idle = { status: 'idle' as const, lookingSince: null };

  /** A and B chatting; C, looking, is sent to join them (on their way), and B then leaves. */
  async function onTheWayToA() {
    const { ev, people } = await seed(['looking', 'looking', 'looking']);
    const [a, b, c] = people.map((p) => p.id) as [string, string, string];
    const m = match(ev.id, [a, b]);
    await store().claimMatch(m);
    await store().updateMatch(ev.id, m.id, ['matched'], { status: 'chatting', metAt: 1 });
    await store().joinMatch(ev.id, m.id, c, 4, ['Come over'], 0);
    return { ev, m, a, b, c };
  }

  test('a match that ran out of time keeps its id on each member as matchTimedOut, in the ending step itself', async () => {
    const { ev, people } = await seed(['looking', 'looking']);
    const [a, b] = people.map((p) => p.id) as [string, string];
    const first = match(ev.id, [a, b]);
    await store().claimMatch(first);
    const timedOut = { ...idle, timedOut: 'match' as const };
    expect(await store().endMatch(ev.id, first.id, 'timeout', 2, { [a]: timedOut, [b]: timedOut }, ['matched'])).toMatchObject({ status: 'ended' });
    for (const id of [a, b]) {
      const after = await store().getAttendee(ev.id, id);
      expect(after).toMatchObject({ status: 'idle', matchId: null, matchTimedOut: first.id });
      expect(after!.arrivalTimedOut).toBeUndefined();
    }
    // An end with no reason keeps the last one; the next timeout replaces it.
    await store().transitionAttendee(ev.id, a, ['idle'], { status: 'looking', lookingSince: 3 });
    await store().transitionAttendee(ev.id, b, ['idle'], { status: 'looking', lookingSince: 3 });
    const second = match(ev.id, [a, b]);
    await store().claimMatch(second);
    await store().endMatch(ev.id, second.id, 'done', 4, { [a]: idle, [b]: idle });
    expect(await store().getAttendee(ev.id, a)).toMatchObject({ matchTimedOut: first.id });
    await store().transitionAttendee(ev.id, a, ['idle'], { status: 'looking', lookingSince: 5 });
    await store().transitionAttendee(ev.id, b, ['idle'], { status: 'looking', lookingSince: 5 });
    const third = match(ev.id, [a, b]);
    await store().claimMatch(third);
    await store().endMatch(ev.id, third.id, 'timeout', 6, { [a]: timedOut }, ['matched']);
    expect(await store().getAttendee(ev.id, a)).toMatchObject({ matchTimedOut: third.id });
    expect(await store().getAttendee(ev.id, b)).toMatchObject({ status: 'idle', matchTimedOut: first.id }); // not named: no reason
  });

  test('an end its guard refuses keeps no reason', async () => {
    const { ev, people } = await seed(['looking', 'looking']);
    const [a, b] = people.map((p) => p.id) as [string, string];
    const m = match(ev.id, [a, b]);
    await store().claimMatch(m);
    await store().updateMatch(ev.id, m.id, ['matched'], { status: 'chatting', metAt: 1 }); // confirmed just in time
    const timedOut = { ...idle, timedOut: 'match' as const };
    expect(await store().endMatch(ev.id, m.id, 'timeout', 2, { [a]: timedOut, [b]: timedOut }, ['matched'])).toBeNull();
    for (const id of [a, b]) {
      const after = await store().getAttendee(ev.id, id);
      expect(after).toMatchObject({ status: 'chatting', matchId: m.id });
      expect(after!.matchTimedOut).toBeUndefined();
    }
  });

  test('an arrival that ran out of time, out of a circle, keeps its id on the one sent as arrivalTimedOut, in the leaving step itself', async () => {
    const { ev, m, a, b, c } = await onTheWayToA();
    const left = await store().removeFromMatch(ev.id, m.id, c, { status: 'looking', lookingSince: 9, timedOut: 'arrival' }, ['matched', 'chatting'], true);
    expect(left!.match.memberIds).toEqual([a, b]);
    const after = await store().getAttendee(ev.id, c);
    expect(after).toMatchObject({ status: 'looking', matchId: null, lookingSince: 9, arrivalTimedOut: m.id });
    expect(after!.matchTimedOut).toBeUndefined();
    for (const id of [a, b]) expect((await store().getAttendee(ev.id, id))!.arrivalTimedOut).toBeUndefined();
  });

  test('an arrival that ran out of time, ending the pair it was sent to, keeps arrivalTimedOut on that one only', async () => {
    const { ev, m, a, b, c } = await onTheWayToA();
    await store().removeFromMatch(ev.id, m.id, b, idle); // A is left waiting for C
    const next = { [a]: idle, [c]: { status: 'looking' as const, lookingSince: 9, timedOut: 'arrival' as const } };
    expect(await store().endMatch(ev.id, m.id, 'done', 10, next, ['matched', 'chatting'], [a, c], c)).toMatchObject({ status: 'ended' });
    expect(await store().getAttendee(ev.id, c)).toMatchObject({ status: 'looking', matchId: null, arrivalTimedOut: m.id });
    const waiting = await store().getAttendee(ev.id, a);
    expect(waiting).toMatchObject({ status: 'idle', matchId: null });
    expect(waiting!.arrivalTimedOut).toBeUndefined();
    expect(waiting!.matchTimedOut).toBeUndefined();
  });
}
