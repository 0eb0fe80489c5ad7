import type { AttendeeRecord, EventRecord } from '../../server/store/records';
import type { Store } from '../../server/store/store';
import { sampleMatch as match } from './samples';

/**
 * Part of the Store contract (contract.ts calls it inside its suite): someone sent to join a group
 * that had already met is `arriving` until they say they found it, and until then leaving it does
 * not make them a former member.
 */
export function arrivingContract(
  store: () => Store,
  seed: (statuses: AttendeeRecord['status'][]) => Promise<{ ev: EventRecord; people: AttendeeRecord[] }>,
) {
  /** A, B and C chatting; then D, looking, is sent to join them. */
  async function joinedAfterMeeting() {
    const { ev, people } = await seed(['looking', 'looking', 'looking', 'looking']);
    const [a, b, c, d] = people.map((p) => p.id) as [string, string, string, string];
    const m = match(ev.id, [a, b, c]);
    await store().claimMatch(m);
    await store().updateMatch(ev.id, m.id, ['matched'], { status: 'chatting', metAt: 1 });
    const joined = await store().joinMatch(ev.id, m.id, d, 5, ['Come over'], 0);
    return { ev, m, a, b, c, d, joined };
  }

  test('joining a group that met puts the newcomer on its way; arrived takes them off', async () => {
    const { ev, m, a, d, joined } = await joinedAfterMeeting();
    expect(joined).toMatchObject({ arriving: [d] });
    expect(await store().getMatch(ev.id, m.id)).toMatchObject({ arriving: [d] });
    expect(await store().arrived(ev.id, m.id, a)).toBeNull(); // was never on the way
    const after = await store().arrived(ev.id, m.id, d);
    expect(after!.arriving).toBeUndefined();
    expect((await store().getMatch(ev.id, m.id))!.arriving).toBeUndefined();
    expect(await store().arrived(ev.id, m.id, d)).toBeNull(); // not twice
  });

  test('joining a match that has not met yet puts nobody on their way', async () => {
    const { ev, people } = await seed(['looking', 'looking', 'looking']);
    const [a, b, c] = people.map((p) => p.id) as [string, string, string];
    const m = match(ev.id, [a, b]);
    await store().claimMatch(m);
    expect((await store().joinMatch(ev.id, m.id, c, 4, [], 0))!.arriving).toBeUndefined();
  });

  test('leaving while still on the way is not leaving as a former member', async () => {
    const { ev, m, a, b, c, d } = await joinedAfterMeeting();
    const after = await store().removeFromMatch(ev.id, m.id, d, { status: 'looking', lookingSince: 9 }, ['matched', 'chatting']);
    expect(after!.match).toMatchObject({ memberIds: [a, b, c], status: 'chatting' });
    expect(after!.match.arriving).toBeUndefined();
    expect(after!.match.formerMembers).toBeUndefined();
    expect(await store().getAttendee(ev.id, d)).toMatchObject({ status: 'looking', matchId: null });
    // Whoever leaves once they have arrived does leave as a former member.
    await store().joinMatch(ev.id, m.id, d, 5, [], 0);
    await store().arrived(ev.id, m.id, d);
    const left = await store().removeFromMatch(ev.id, m.id, d, { status: 'idle', lookingSince: null });
    expect(left!.match.formerMembers).toEqual([{ id: d, with: [a, b, c] }]);
  });

  test('a leave or an end decided for someone on their way stands only while they still are', async () => {
    const { ev, m, a, b, c, d } = await joinedAfterMeeting();
    // D found them just before the timeout's leave arrived: it changes nothing.
    await store().arrived(ev.id, m.id, d);
    expect(await store().removeFromMatch(ev.id, m.id, d, { status: 'looking', lookingSince: 9 }, ['matched', 'chatting'], true)).toBeNull();
    expect(await store().endMatch(ev.id, m.id, 'done', 9, {}, ['matched', 'chatting'], undefined, d)).toBeNull();
    expect(await store().getMatch(ev.id, m.id)).toMatchObject({ memberIds: [a, b, c, d], status: 'chatting' });
    expect(await store().getAttendee(ev.id, d)).toMatchObject({ status: 'chatting', matchId: m.id });
    // Still on the way, the same calls go through.
    const other = await joinedAfterMeeting();
    const left = await store().removeFromMatch(other.ev.id, other.m.id, other.d, { status: 'looking', lookingSince: 9 }, ['matched', 'chatting'], true);
    expect(left!.match).toMatchObject({ memberIds: [other.a, other.b, other.c] });
    await store().joinMatch(other.ev.id, other.m.id, other.d, 5, [], 0);
    expect(await store().endMatch(other.ev.id, other.m.id, 'done', 9, {}, ['matched', 'chatting'], undefined, other.d)).toMatchObject({ status: 'ended' });
  });

  test('a match that ends keeps who was still on the way: they never met it', async () => {
    const { ev, m, d } = await joinedAfterMeeting();
    const ended = await store().endMatch(ev.id, m.id, 'done', 5, {});
    expect(ended).toMatchObject({ status: 'ended', arriving: [d] });
    expect((await store().getMatch(ev.id, m.id))!.arriving).toEqual([d]);
    expect(await store().arrived(ev.id, m.id, d)).toBeNull(); // too late to arrive
  });

  test('someone leaving while another is on the way was not with them', async () => {
    const { ev, m, a, b, c, d } = await joinedAfterMeeting();
    const after = await store().removeFromMatch(ev.id, m.id, c, { status: 'idle', lookingSince: null });
    expect(after!.match.formerMembers).toEqual([{ id: c, with: [a, b] }]);
    expect(after!.match.arriving).toEqual([d]);
  });

  test('a join as to a circle holds only while it is open and nobody sent earlier is on the way', async () => {
    const { ev, people } = await seed(['looking', 'looking', 'looking', 'looking']);
    const [a, b, c, d] = people.map((p) => p.id) as [string, string, string, string];
    const m = match(ev.id, [a, b]);
    await store().claimMatch(m);
    await store().updateMatch(ev.id, m.id, ['matched'], { status: 'chatting', metAt: 1 });
    // Closed (the switch turned off just before the join): refused.
    expect(await store().joinMatch(ev.id, m.id, c, 4, [], 0, 5, true)).toBeNull();
    await store().updateMatch(ev.id, m.id, ['chatting'], { open: true });
    expect(await store().joinMatch(ev.id, m.id, c, 4, [], 0, 5, true)).toMatchObject({ arriving: [c] });
    // Open again while C walks over: still nobody else.
    await store().updateMatch(ev.id, m.id, ['chatting'], { open: true });
    expect(await store().joinMatch(ev.id, m.id, d, 4, [], 0, 6, true)).toBeNull();
    await store().arrived(ev.id, m.id, c);
    expect(await store().joinMatch(ev.id, m.id, d, 4, [], 0, 7, true)).toMatchObject({ memberIds: [a, b, c, d] });
    expect(await store().getAttendee(ev.id, d)).toMatchObject({ status: 'chatting', matchId: m.id });
  });

  test('joining a circle closes it to more, and records when the newcomer was sent', async () => {
    const { ev, people } = await seed(['looking', 'looking', 'looking']);
    const [a, b, c] = people.map((p) => p.id) as [string, string, string];
    const m = match(ev.id, [a, b]);
    await store().claimMatch(m);
    await store().updateMatch(ev.id, m.id, ['matched'], { status: 'chatting', metAt: 1 });
    expect(await store().updateMatch(ev.id, m.id, ['chatting'], { open: true })).toMatchObject({ open: true });
    const joined = await store().joinMatch(ev.id, m.id, c, 4, [], 0, 1_234);
    expect(joined).toMatchObject({ open: false, arriving: [c], sentAt: { [c]: 1_234 } });
    expect(await store().getMatch(ev.id, m.id)).toMatchObject({ open: false, sentAt: { [c]: 1_234 } });
    // Kept once they arrive, as their wait is.
    expect(await store().arrived(ev.id, m.id, c)).toMatchObject({ sentAt: { [c]: 1_234 } });
    await store().endMatch(ev.id, m.id, 'done', 5, {});
    expect(await store().deleteAttendee(ev.id, c)).not.toBeNull();
    expect(JSON.stringify(await store().getMatch(ev.id, m.id))).not.toContain(c);
  });

  test('joining a pair nobody has confirmed yet, as a third, records when the newcomer was sent too (not on their way: nothing met yet)', async () => {
    const { ev, people } = await seed(['looking', 'looking', 'looking']);
    const [a, b, c] = people.map((p) => p.id) as [string, string, string];
    const m = match(ev.id, [a, b]);
    await store().claimMatch(m);
    const joined = await store().joinMatch(ev.id, m.id, c, 4, [], 0, 1_234);
    expect(joined).toMatchObject({ status: 'matched', memberIds: [a, b, c], sentAt: { [c]: 1_234 } });
    expect(joined!.arriving ?? []).toEqual([]);
    expect(await store().getMatch(ev.id, m.id)).toMatchObject({ sentAt: { [c]: 1_234 } });
    // The third gives up, then deletes their data: the pair's deadline, put off for them, stays put
    // off, with nothing left that names them.
    expect(await store().removeFromMatch(ev.id, m.id, c, { status: 'idle', lookingSince: null }, ['matched'])).not.toBeNull();
    expect(await store().deleteAttendee(ev.id, c)).not.toBeNull();
    const after = await store().getMatch(ev.id, m.id);
    expect(Object.values(after!.sentAt ?? {})).toEqual([1_234]);
    expect(JSON.stringify(after)).not.toContain(c);
  });

  test('an ended event is ticked while someone is still on their way to a group (they may time out)', async () => {
    const { ev, m, d } = await joinedAfterMeeting();
    await store().setEventStatus(ev.id, 'ended', Date.now()); // now: Redis re-expires the event's keys from its end
    expect(await store().leaseBusyEvents('me', 10_000)).toContain(ev.id);
    await store().removeFromMatch(ev.id, m.id, d, { status: 'idle', lookingSince: null });
    expect(await store().leaseBusyEvents('me', 10_000)).not.toContain(ev.id);
  });

  test('forgetting someone who was on their way to a match that ended leaves no trace of them', async () => {
    const { ev, m, d } = await joinedAfterMeeting();
    await store().endMatch(ev.id, m.id, 'done', 5, {});
    expect(await store().deleteAttendee(ev.id, d)).not.toBeNull();
    const after = await store().getMatch(ev.id, m.id);
    // Their place on the way stays, nameless: someone who never arrived (contract-sharing.ts).
    expect(after!.arriving).toEqual(['~']);
    expect(JSON.stringify(after)).not.toContain(d);
  });
}
