import { io as connect } from 'socket.io-client';
import request from 'supertest';
import { describeRedis, dropPrefix, redisDeps, testPrefix } from '../helpers/redis';
import { connectAttendee, createEvent, joinEvent, startServer, waitFor, type AttendeeSocket, type TestServer } from '../helpers/server';

jest.setTimeout(20_000);

/**
 * Tries to resume with `token` and resolves with what the `connect_error` says: its message (the
 * code), then its `data.reason` if it has one ("UNAUTHORIZED REMOVED").
 */
function refusal(url: string, token: string): Promise<string> {
  const socket: AttendeeSocket = connect(`${url}/attendee`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect_error', (err: Error & { data?: { reason?: string } }) => {
      socket.close();
      resolve(err.data?.reason ? `${err.message} ${err.data.reason}` : err.message);
    });
    socket.once('connect', () => {
      socket.close();
      reject(new Error('connected'));
    });
  });
}

/**
 * A phone that was offline when the organiser removed its attendee never got `attendee:removed`.
 * When it resumes it must be told why (UNAUTHORIZED with the reason REMOVED), not just the
 * UNAUTHORIZED of a token nobody knows, which would send it to the join form.
 */
describe('resuming after the organiser removed me while my phone was offline', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(() => server.close());

  async function removeWhileOffline() {
    const created = await createEvent(server.url, { name: 'Offline Removal' });
    const rex = await joinEvent(server.url, created.event.code, { name: 'Rex' });
    const phone = await connectAttendee(server.url, rex.token);
    phone.close(); // the phone goes offline
    await request(server.url)
      .delete(`/api/events/${created.event.id}/attendees/${rex.attendee.id}`)
      .set('authorization', `Bearer ${created.organiserToken}`)
      .expect(204);
    return { created, rex };
  }

  test('the socket handshake is refused UNAUTHORIZED with the reason REMOVED', async () => {
    const { rex } = await removeWhileOffline();
    expect(await refusal(server.url, rex.token)).toBe('UNAUTHORIZED REMOVED');
  });

  test('GET /api/me is 401 UNAUTHORIZED with the reason REMOVED; DELETE /api/me still answers 204', async () => {
    const { rex } = await removeWhileOffline();
    const me = await request(server.url).get('/api/me').set('authorization', `Bearer ${rex.token}`).expect(401);
    expect(me.body.error).toMatchObject({ code: 'UNAUTHORIZED', reason: 'REMOVED' });
    await request(server.url).delete('/api/me').set('authorization', `Bearer ${rex.token}`).expect(204);
  });

  test('someone who forgot themselves, and a token never issued, are still UNAUTHORIZED', async () => {
    const created = await createEvent(server.url, { name: 'Forgetful Night' });
    const ann = await joinEvent(server.url, created.event.code, { name: 'Ann' });
    await request(server.url).delete('/api/me').set('authorization', `Bearer ${ann.token}`).expect(204);
    expect(await refusal(server.url, ann.token)).toBe('UNAUTHORIZED');
    expect(await refusal(server.url, 'x'.repeat(43))).toBe('UNAUTHORIZED');
  });

  test('a phone still connected gets attendee:removed as before', async () => {
    const created = await createEvent(server.url, { name: 'Online Removal' });
    const rex = await joinEvent(server.url, created.event.code, { name: 'Rex' });
    const phone = await connectAttendee(server.url, rex.token);
    const removed = waitFor(phone, 'attendee:removed');
    await request(server.url)
      .delete(`/api/events/${created.event.id}/attendees/${rex.attendee.id}`)
      .set('authorization', `Bearer ${created.organiserToken}`)
      .expect(204);
    expect(await removed).toEqual({ eventId: created.event.id });
    phone.close();
  });
});

describeRedis('on Redis, removed through one instance and resuming on another', () => {
  const prefix = testPrefix();
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    [a, b] = await Promise.all([startServer({}, await redisDeps(prefix)), startServer({}, await redisDeps(prefix))]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await dropPrefix(prefix);
  });

  test('the other instance refuses the resume with the reason REMOVED', async () => {
    const created = await createEvent(a.url, { name: 'Two Rooms' });
    const rex = await joinEvent(a.url, created.event.code, { name: 'Rex' });
    await request(a.url)
      .delete(`/api/events/${created.event.id}/attendees/${rex.attendee.id}`)
      .set('authorization', `Bearer ${created.organiserToken}`)
      .expect(204);
    expect(await refusal(b.url, rex.token)).toBe('UNAUTHORIZED REMOVED');
  });
});
