import request from 'supertest';
import type { Connection } from '../../shared/schemas';
import { describeRedis, dropPrefix, redisDeps, testPrefix } from '../helpers/redis';
import { call, connectAttendee, createEvent, findEachOther, joinEvent, serverPerTest, startServer, type AttendeeSocket, type TestServer } from '../helpers/server';

jest.setTimeout(20_000);

/** Everything `event` brings to `socket`, in order, from now on. */
function record(socket: AttendeeSocket, event: 'connections:changed'): unknown[] {
  const got: unknown[] = [];
  socket.on(event, (payload) => got.push(payload));
  return got;
}

/** Resolves once `got` has something in it: each check follows a real event, never a sleep. */
function arrival(socket: AttendeeSocket, got: unknown[]): Promise<void> {
  if (got.length > 0) return Promise.resolve();
  return new Promise((resolve) => socket.once('connections:changed', () => resolve()));
}

async function connectionsOf(url: string, token: string): Promise<Connection[]> {
  const { body } = await request(url).get('/api/me/connections').set('authorization', `Bearer ${token}`).expect(200);
  return (body as { connections: Connection[] }).connections;
}

/**
 * Ann and Cat were matched, found each other and chatted; Cat ended the chat. Ann is on `annAt`,
 * Cat on `catAt` (two instances of one Redis, or the same server twice); Bob, on `annAt`, is in
 * the event and never met Ann.
 */
async function metAndParted(annAt: TestServer, catAt: TestServer, sockets: AttendeeSocket[]) {
  const created = await createEvent(annAt.url, { name: 'Stale Lists', topics: ['Tea'] });
  const join = async (server: TestServer, name: string) => {
    const joined = await joinEvent(server.url, created.event.code, { name, interests: ['Tea'] });
    const socket = await connectAttendee(server.url, joined.token);
    sockets.push(socket);
    return { ...joined, socket };
  };
  const ann = await join(annAt, 'Ann');
  const cat = await join(catAt, 'Cat');
  const match = await findEachOther(ann.socket, cat.socket);
  expect(await call(cat.socket, 'match:met', { matchId: match.id })).toMatchObject({ ok: true });
  expect(await call(cat.socket, 'match:leave', { matchId: match.id, reason: 'done' })).toMatchObject({ ok: true });
  const bob = await join(annAt, 'Bob');
  expect(await connectionsOf(catAt.url, cat.token)).toEqual([expect.objectContaining({ attendeeId: ann.attendee.id, name: 'Ann' })]);
  return { created, ann, cat, bob };
}

/**
 * Someone I met leaves the event after our chat is over (the organiser removes them, or they
 * delete their data): nothing about any match of mine changes, so no `state` or `match:ended`
 * comes, yet "People I met" no longer lists them. The phone is told to ask for it again, with
 * nothing said of who left or why; nobody who never met them is told anything.
 */
describe('connections:changed when someone I met leaves the event', () => {
  const rig = serverPerTest();
  const { sockets } = rig;

  test('removed by the organiser: the people who met them are told, with nothing about them; nobody else is', async () => {
    const { created, ann, cat, bob } = await metAndParted(rig.server, rig.server, sockets);
    const toCat = record(cat.socket, 'connections:changed');
    const toBob = record(bob.socket, 'connections:changed');
    const told = arrival(cat.socket, toCat);
    await request(rig.server.url)
      .delete(`/api/events/${created.event.id}/attendees/${ann.attendee.id}`)
      .set('authorization', `Bearer ${created.organiserToken}`)
      .expect(204);
    await told;
    expect(toCat).toEqual([{}]);
    // Asked for now, the list no longer has her.
    expect(await connectionsOf(rig.server.url, cat.token)).toEqual([]);
    // A round trip flushes anything that was on its way to Bob.
    expect(await call(bob.socket, 'profile:update', {})).toMatchObject({ ok: true });
    expect(toBob).toEqual([]);
    // Nor is Cat told when someone she never met is removed.
    await request(rig.server.url)
      .delete(`/api/events/${created.event.id}/attendees/${bob.attendee.id}`)
      .set('authorization', `Bearer ${created.organiserToken}`)
      .expect(204);
    expect(await call(cat.socket, 'profile:update', {})).toMatchObject({ ok: true });
    expect(toCat).toEqual([{}]);
  });

  test('deleting their own data (me:forget): the same', async () => {
    const { ann, cat } = await metAndParted(rig.server, rig.server, sockets);
    const toCat = record(cat.socket, 'connections:changed');
    const told = arrival(cat.socket, toCat);
    expect(await call(ann.socket, 'me:forget', {})).toEqual({ ok: true });
    await told;
    expect(toCat).toEqual([{}]);
    expect(await connectionsOf(rig.server.url, cat.token)).toEqual([]);
  });
});

describeRedis('connections:changed across instances on one Redis', () => {
  const prefix = testPrefix();
  let a: TestServer;
  let b: TestServer;
  const sockets: AttendeeSocket[] = [];
  beforeAll(async () => {
    [a, b] = await Promise.all([startServer({}, await redisDeps(prefix)), startServer({}, await redisDeps(prefix))]);
  });
  afterEach(() => {
    sockets.splice(0).forEach((s) => s.disconnect());
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await dropPrefix(prefix);
  });

  test('removed through one instance: a phone on the other is told, and its list follows', async () => {
    const { created, ann, cat } = await metAndParted(a, b, sockets);
    const toCat = record(cat.socket, 'connections:changed');
    const told = arrival(cat.socket, toCat);
    await request(a.url)
      .delete(`/api/events/${created.event.id}/attendees/${ann.attendee.id}`)
      .set('authorization', `Bearer ${created.organiserToken}`)
      .expect(204);
    await told;
    expect(toCat).toEqual([{}]);
    expect(await connectionsOf(b.url, cat.token)).toEqual([]);
  });

  test('deleting their data through the other instance: the same', async () => {
    const { ann, cat } = await metAndParted(b, a, sockets);
    const toCat = record(cat.socket, 'connections:changed');
    const told = arrival(cat.socket, toCat);
    await request(b.url).delete('/api/me').set('authorization', `Bearer ${ann.token}`).expect(204);
    await told;
    expect(toCat).toEqual([{}]);
    expect(await connectionsOf(a.url, cat.token)).toEqual([]);
  });
});
