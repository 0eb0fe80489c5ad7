import request from 'supertest';
import { MAX_MARKS_PER_CHAR } from '../../shared/clean';
import { call, createEvent, findEachOther, joinAndConnect, serverPerTest, waitFor } from '../helpers/server';

/** The longest run of combining marks (joiners between them counted through) in `text`. */
const longestPile = (text: string) => Math.max(0, ...[...text.matchAll(/(?:\p{M}\p{Cf}*)+/gu)].map((m) => m[0].match(/\p{M}/gu)!.length));

const ZALGO_NAME = 'Z' + '\u0301\u0316\u0334'.repeat(13); // 40 code points: one letter, 39 marks
const ZALGO_HINT = 'b' + '\u0336\u200d'.repeat(39); // marks with joiners between them

/**
 * Names, hints and interests typed by one person show on other people's phones and on the
 * dashboard. A "Zalgo" one, a letter with dozens of combining marks piled on it, spills over the
 * lines above and below it there; each character keeps a few marks, as real writing needs.
 */
describe('text that piles marks on one character is tamed', () => {
  const rig = serverPerTest();
  const { sockets } = rig;

  test('on joining, and as the partner sees it', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Marks' });
    const zed = await joinAndConnect(rig.server, event.code, { name: ZALGO_NAME, lookFor: ZALGO_HINT, interests: ['g' + '\u0300'.repeat(30)] }, sockets);
    const ann = await joinAndConnect(rig.server, event.code, { name: 'Ann' }, sockets);

    // Before the fix: the name came back with all 39 marks.
    expect(longestPile(zed.attendee.name)).toBe(MAX_MARKS_PER_CHAR);
    expect(zed.attendee.name).toBe('Z' + '\u0301\u0316\u0334\u0301');
    expect(longestPile(zed.attendee.lookFor)).toBe(MAX_MARKS_PER_CHAR);
    expect(longestPile(zed.attendee.interests[0]!)).toBe(MAX_MARKS_PER_CHAR);

    const match = await findEachOther(ann.socket, zed.socket);
    const partner = match.partners[0]!;
    expect(partner.name).toBe(zed.attendee.name);
    expect(longestPile(partner.lookFor)).toBeLessThanOrEqual(MAX_MARKS_PER_CHAR);
  });

  test('on a profile update, and in the dashboard figures', async () => {
    const { event, organiserToken } = await createEvent(rig.server.url, { name: 'Marks' });
    const bob = await joinAndConnect(rig.server, event.code, { name: 'Bob' }, sockets);
    const ack = await call(bob.socket, 'profile:update', { name: ZALGO_NAME });
    if (!ack.ok) throw new Error(ack.error.message);
    expect(longestPile(ack.state.me.name)).toBe(MAX_MARKS_PER_CHAR);

    await call(bob.socket, 'match:find');
    const stats = await request(rig.server.url).get(`/api/events/${event.id}/stats`).set('authorization', `Bearer ${organiserToken}`).expect(200);
    expect(stats.body.longestWaiting.map((w: { name: string }) => longestPile(w.name))).toEqual([MAX_MARKS_PER_CHAR]);
  });

  test('in an announcement every phone shows', async () => {
    const { event, organiserToken } = await createEvent(rig.server.url, { name: 'Marks' });
    const bob = await joinAndConnect(rig.server, event.code, { name: 'Bob' }, sockets);
    const heard = waitFor(bob.socket, 'event:announcement');
    await request(rig.server.url)
      .post(`/api/events/${event.id}/announce`)
      .set('authorization', `Bearer ${organiserToken}`)
      .send({ message: `Food ${'\u0489'.repeat(200)} is here` })
      .expect(200);
    expect(longestPile((await heard).message)).toBe(MAX_MARKS_PER_CHAR);
  });

  test('real writing keeps every mark it has', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Scripts' });
    const names = ['Nguye\u0302\u0303n', 'שָׁלוֹם', 'སྒྲུབ', 'कृष्ण', 'กิ่ง', '#\ufe0f\u20e3', '🏳️‍🌈'];
    for (const name of names) {
      const res = await request(rig.server.url).post(`/api/events/${event.code}/attendees`).send({ name }).expect(201);
      expect(res.body.attendee.name).toBe(name);
    }
  });

  test('prototype keys in a body or a payload change nothing', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Keys' });
    const polluted = await request(rig.server.url)
      .post(`/api/events/${event.code}/attendees`)
      .set('content-type', 'application/json')
      .send('{"name":"Eve","constructor":{"prototype":{"status":"chatting"}}}');
    expect(polluted.status).toBe(400);
    // Fields that are not the join form's are refused outright, as on every other route.
    const extra = await request(rig.server.url).post(`/api/events/${event.code}/attendees`).send({ name: 'Eve', status: 'chatting', matchId: 'x', id: 'mine' });
    expect(extra.status).toBe(400);
    expect(extra.body.error.code).toBe('VALIDATION_FAILED');
    const eve = await joinAndConnect(rig.server, event.code, { name: 'Eve' }, sockets);
    const ack = await call(eve.socket, 'profile:update', JSON.parse('{"__proto__":{"status":"chatting"},"name":"Eve"}'));
    expect(ack.ok ? 'ok' : ack.error.code).toBe('VALIDATION_FAILED');
    const me = await rig.server.app.store.getAttendee(eve.ref.eventId, eve.ref.attendeeId);
    expect(me).toMatchObject({ name: 'Eve', status: 'idle', matchId: null });
    expect(({} as Record<string, unknown>).status).toBeUndefined();
  });
});
