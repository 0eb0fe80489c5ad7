import request from 'supertest';
import type { Connection } from '../../shared/schemas';
import { call, connectAttendee, createEvent, findEachOther, joinAndConnect, serverPerTest, waitFor } from '../helpers/server';

jest.setTimeout(20_000);

/**
 * One person on two phones (a second tab, a laptop). Whether they have offered their details is
 * on their list (`Connection.shared`), which a page with the Keep in touch sheet open does not ask
 * for again by itself: an offer taken back on one phone left the other saying "Shared — waiting
 * for Bob to share too" while Bob's share then revealed nothing. Each offer and take-back tells
 * every phone of theirs `connections:changed`; the other person is told nothing.
 */
describe('keeping in touch from two phones of one person', () => {
  const rig = serverPerTest();
  const { sockets } = rig;

  const sharedOn = async (token: string): Promise<boolean[]> => {
    const { body } = await request(rig.server.url).get('/api/me/connections').set('authorization', `Bearer ${token}`).expect(200);
    return (body as { connections: Connection[] }).connections.map((c) => c.shared);
  };

  test('an offer made or taken back on one phone tells the other phone to read the list again, and nobody else', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Two Phones', topics: ['Tea'] });
    const ann = await joinAndConnect(rig.server, event.code, { name: 'Ann', interests: ['Tea'] }, sockets);
    const bob = await joinAndConnect(rig.server, event.code, { name: 'Bob', interests: ['Tea'] }, sockets);
    const match = await findEachOther(ann.socket, bob.socket);
    expect(await call(bob.socket, 'match:met', { matchId: match.id })).toMatchObject({ ok: true });
    const annLaptop = await connectAttendee(rig.server.url, ann.token);
    sockets.push(annLaptop);
    const toBob: unknown[] = [];
    bob.socket.on('connections:changed', (p) => toBob.push(p));

    const toldOfShare = waitFor(annLaptop, 'connections:changed');
    expect(await call(ann.socket, 'contact:share', { matchId: match.id, contact: { email: 'ann@example.com' } })).toMatchObject({ ok: true });
    expect(await toldOfShare).toEqual({});
    expect(await sharedOn(ann.token)).toEqual([true]);

    const toldOfTakingBack = waitFor(ann.socket, 'connections:changed');
    expect(await call(annLaptop, 'contact:withdraw', { matchId: match.id })).toMatchObject({ ok: true });
    expect(await toldOfTakingBack).toEqual({});
    expect(await sharedOn(ann.token)).toEqual([false]);

    // A round trip flushes anything that was on its way to Bob: he is never told.
    expect(await call(bob.socket, 'profile:update', {})).toMatchObject({ ok: true });
    expect(toBob).toEqual([]);
  });
});
