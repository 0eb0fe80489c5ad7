import request from 'supertest';
import { describeRedis, dropPrefix, redisDeps, testPrefix } from '../helpers/redis';
import { connectAttendee, createEvent, joinEvent, startServer, waitUntil, type AttendeeSocket, type TestServer } from '../helpers/server';

/**
 * A phone goes just as its instance's link to Redis blips: taking it off the count fails
 * (UNAVAILABLE), and nothing sends it again. Each later connect and disconnect writes how many
 * connections of theirs the instance holds, so the next one makes the count good; a +1 or -1
 * would leave it one too high for the rest of the evening, counting them connected (the dashboard's
 * online, the matcher placing them) for the 30 s presence window after every time they leave.
 */
describeRedis('a phone that goes while its instance cannot reach Redis', () => {
  const prefix = testPrefix();
  let server: TestServer | undefined;
  const sockets: AttendeeSocket[] = [];

  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await server?.close();
    await dropPrefix(prefix);
  });

  test('is not counted as connected once it has come back and gone again', async () => {
    server = await startServer({ instanceId: 'blip' }, await redisDeps(prefix));
    const s = server;
    const { event, organiserToken } = await createEvent(s.url, { name: 'Blip' });
    const ann = await joinEvent(s.url, event.code, { name: 'Ann' });
    const online = async () => {
      const res = await request(s.url).get(`/api/events/${event.id}/stats`).set('Authorization', `Bearer ${organiserToken}`);
      return res.status === 200 ? (res.body as { online: number }).online : null;
    };
    const store = s.app.store;
    const connections = async () => (await store.getAttendee(event.id, ann.attendee.id))?.online;

    const first = await connectAttendee(s.url, ann.token);
    sockets.push(first);
    await waitUntil(async () => (await connections()) === 1);

    // The blip: the write that takes the phone off fails, as every store call does while Redis
    // is unreachable.
    const addOnline = store.addOnline.bind(store);
    let failed = false;
    store.addOnline = async (...args) => {
      if (failed) return addOnline(...args);
      failed = true;
      throw new Error('UNAVAILABLE');
    };
    first.disconnect();
    await waitUntil(() => failed);
    await waitUntil(() => s.app.io.of('/attendee').sockets.size === 0);
    expect(await connections()).toBe(1);

    // Redis is back; the phone comes back to this instance, then goes again (a phone locked in a pocket).
    const again = await connectAttendee(s.url, ann.token);
    sockets.push(again);
    await waitUntil(async () => (await online()) === 1);
    again.disconnect();
    // Within the presence window, so only a right count passes this.
    await waitUntil(async () => (await online()) === 0);
    expect(await connections()).toBe(0);
  });
});
