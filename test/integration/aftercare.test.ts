import { Writable } from 'node:stream';
import request from 'supertest';
import pino from 'pino';
import type { ContactRevealed } from '../../shared/schemas';
import { sampleMatch } from '../store/samples';
import { MemoryStore } from '../../server/store/memory';
import { call, connectAttendee, createEvent, findEachOther, joinEvent, startServer, startServerOnClock, waitFor, type AttendeeSocket, type TestServer } from '../helpers/server';
import { parseVCards } from '../helpers/vcard';

describe('after the chat', () => {
  let server: TestServer;
  let store: MemoryStore;
  const sockets: AttendeeSocket[] = [];

  beforeEach(async () => {
    store = new MemoryStore();
    server = await startServerOnClock(undefined, { store });
  });
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await server.close();
  });

  async function people(names: string[]) {
    const { event } = await createEvent(server.url, { name: 'Aftercare' });
    const out = [];
    for (const name of names) {
      const joined = await joinEvent(server.url, event.code, { name, interests: ['Tea'] });
      const socket = await connectAttendee(server.url, joined.token);
      sockets.push(socket);
      out.push({ ...joined, socket, ref: { eventId: event.id, attendeeId: joined.attendee.id } });
    }
    return { event, people: out };
  }

  /** Puts these people in one match that has met, straight through the store. */
  async function meet(eventId: string, ids: string[]): Promise<string> {
    for (const id of ids) await server.app.services.matches.find({ eventId, attendeeId: id });
    const match = sampleMatch(eventId, ids, { createdAt: Date.now(), sharedTopics: ['Tea'], icebreaker: 'Tea?' });
    expect(await store.claimMatch(match)).toBe(true);
    await server.app.services.matches.met({ eventId, attendeeId: ids[0]! }, match.id);
    return match.id;
  }

  /** Proves nothing was sent to `socket` before now: a round trip flushes everything queued for it. */
  async function nothingFor(socket: AttendeeSocket, got: unknown[]) {
    await call(socket, 'profile:update', {});
    expect(got).toEqual([]);
  }

  const revealedOn = (socket: AttendeeSocket) => {
    const got: ContactRevealed[] = [];
    socket.on('contact:revealed', (r) => got.push(r));
    return got;
  };

  test('only A shares: B receives nothing', async () => {
    const { event, people: [a, b] } = await people(['Ann', 'Bob']);
    const matchId = await meet(event.id, [a!.attendee.id, b!.attendee.id]);
    const toA = revealedOn(a!.socket);
    const toB = revealedOn(b!.socket);
    expect(await call(a!.socket, 'contact:share', { matchId, contact: { email: 'ann@example.com' } })).toMatchObject({ ok: true });
    await nothingFor(b!.socket, toB);
    await nothingFor(a!.socket, toA);
    const list = await request(server.url).get('/api/me/connections').set('authorization', `Bearer ${b!.token}`).expect(200).expect('cache-control', 'no-store');
    expect(list.body.connections).toEqual([expect.objectContaining({ name: 'Ann', contact: null, shared: false })]);
    expect(list.body.swapped).toEqual([]);
    expect(JSON.stringify(list.body)).not.toContain('ann@example.com');
    const mine = await request(server.url).get('/api/me/connections').set('authorization', `Bearer ${a!.token}`).expect(200);
    expect(mine.body.connections).toEqual([expect.objectContaining({ name: 'Bob', contact: null, shared: true })]);
  });

  test('both share: both receive the other’s details', async () => {
    const { event, people: [a, b] } = await people(['Ann', 'Bob']);
    const matchId = await meet(event.id, [a!.attendee.id, b!.attendee.id]);
    await call(a!.socket, 'contact:share', { matchId, contact: { email: 'ann@example.com', note: 'Coffee?' } });
    const toA = waitFor(a!.socket, 'contact:revealed');
    const toB = waitFor(b!.socket, 'contact:revealed');
    await call(b!.socket, 'contact:share', { matchId, contact: { phone: '+44 7700 900123', url: 'https://bob.example.com' } });
    expect(await toA).toEqual({ matchId, contacts: [{ attendeeId: b!.attendee.id, name: 'Bob', contact: { phone: '+44 7700 900123', url: 'https://bob.example.com' } }] });
    expect(await toB).toEqual({ matchId, contacts: [{ attendeeId: a!.attendee.id, name: 'Ann', contact: { email: 'ann@example.com', note: 'Coffee?' } }] });
    expect(await call(a!.socket, 'contact:withdraw', { matchId })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const list = await request(server.url).get('/api/me/connections').set('authorization', `Bearer ${a!.token}`).expect(200);
    expect(list.body).toEqual({ connections: [expect.objectContaining({ name: 'Bob', shared: true })], swapped: [matchId], reported: [] });
    // Bob deletes his data: his row goes, and the list still says Ann swapped there (her phone
    // may have missed the reveal, and must not say "nobody saw your details").
    expect(await call(b!.socket, 'me:forget', {})).toMatchObject({ ok: true });
    const after = await request(server.url).get('/api/me/connections').set('authorization', `Bearer ${a!.token}`).expect(200);
    expect(after.body).toEqual({ connections: [], swapped: [matchId], reported: [] });
  });

  test('A withdraws first: nothing is revealed', async () => {
    const { event, people: [a, b] } = await people(['Ann', 'Bob']);
    const matchId = await meet(event.id, [a!.attendee.id, b!.attendee.id]);
    const toA = revealedOn(a!.socket);
    const toB = revealedOn(b!.socket);
    await call(a!.socket, 'contact:share', { matchId, contact: { email: 'ann@example.com' } });
    expect(await call(a!.socket, 'contact:withdraw', { matchId })).toMatchObject({ ok: true });
    await call(b!.socket, 'contact:share', { matchId, contact: { email: 'bob@example.com' } });
    await nothingFor(a!.socket, toA);
    await nothingFor(b!.socket, toB);
  });

  test('nobody can offer details to someone removed, or who deleted their data: they could never share back', async () => {
    const { event, people: [ann, bob, cat, dan] } = await people(['Ann', 'Bob', 'Cat', 'Dan']);
    const withBob = await meet(event.id, [ann!.attendee.id, bob!.attendee.id]);
    const withDan = await meet(event.id, [cat!.attendee.id, dan!.attendee.id]);
    await server.app.services.organisers.removeAttendee(event.id, bob!.attendee.id);
    expect(await call(dan!.socket, 'me:forget', {})).toMatchObject({ ok: true });
    for (const [who, matchId] of [[ann!, withBob], [cat!, withDan]] as const) {
      expect(await call(who.socket, 'contact:share', { matchId, contact: { email: 'me@example.com' } })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: expect.stringMatching(/left the event/) },
      });
      expect(await store.getContacts(event.id, matchId)).toEqual({ contacts: {}, revealed: false });
    }
  });

  test('in a trio the reveal happens only when all three have shared', async () => {
    const { event, people: trio } = await people(['Ann', 'Bob', 'Cat']);
    const [a, b, c] = trio as [typeof trio[0], typeof trio[0], typeof trio[0]];
    const matchId = await meet(event.id, trio.map((p) => p.attendee.id));
    const got = trio.map((p) => revealedOn(p.socket));
    await call(a.socket, 'contact:share', { matchId, contact: { email: 'ann@example.com' } });
    await call(b.socket, 'contact:share', { matchId, contact: { email: 'bob@example.com' } });
    for (const [i, p] of trio.entries()) await nothingFor(p.socket, got[i]!);
    const all = trio.map((p) => waitFor(p.socket, 'contact:revealed'));
    await call(c.socket, 'contact:share', { matchId, contact: { email: 'cat@example.com' } });
    const revealed = await Promise.all(all);
    expect(revealed[0]!.contacts.map((x) => x.name)).toEqual(['Bob', 'Cat']);
    expect(revealed[2]!.contacts.map((x) => x.contact.email)).toEqual(['ann@example.com', 'bob@example.com']);
  });

  test('someone who joins later, or never shared, sees nothing that was swapped', async () => {
    const { event, people: [a, b, c] } = await people(['Ann', 'Bob', 'Cat']);
    const matchId = await meet(event.id, [a!.attendee.id, b!.attendee.id]);
    await call(a!.socket, 'contact:share', { matchId, contact: { email: 'ann@example.com' } });
    await call(b!.socket, 'contact:share', { matchId, contact: { email: 'bob@example.com' } });
    // Cat joins the (open) circle after the swap.
    await server.app.services.matches.find(c!.ref);
    expect(await store.joinMatch(event.id, matchId, c!.attendee.id, 4, [], 0)).not.toBeNull();
    expect(await call(c!.socket, 'match:met', { matchId })).toMatchObject({ ok: true }); // she found them: they met
    const list = await request(server.url).get('/api/me/connections').set('authorization', `Bearer ${c!.token}`).expect(200);
    expect(list.body.connections.map((x: { contact: unknown }) => x.contact)).toEqual([null, null]);
    // Swapped there, though not with her: she may not swap there, and had nothing to swap.
    expect(list.body.connections.map((x: { canShare: boolean }) => x.canShare)).toEqual([false, false]);
    expect(list.body.swapped).toEqual([]);
    expect(JSON.stringify(list.body)).not.toContain('@example.com');
    await request(server.url).get('/api/me/connections.vcf').set('authorization', `Bearer ${c!.token}`).expect(200).then((r) => expect(r.text).toBe(''));
  });

  test('contact fields are validated', async () => {
    const { event, people: [a, b] } = await people(['Ann', 'Bob']);
    const matchId = await meet(event.id, [a!.attendee.id, b!.attendee.id]);
    for (const contact of [{}, { email: 'not-an-email' }, { phone: '12' }, { phone: 'call me' }, { url: 'http://insecure.example' }, { url: 'javascript:alert(1)' }, { fax: '123' }]) {
      expect(await call(a!.socket, 'contact:share', { matchId, contact })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect((await store.getContacts(event.id, matchId)).contacts).toEqual({});
    const { people: [outsider] } = await people(['Zed']);
    expect(await call(outsider!.socket, 'contact:share', { matchId, contact: { email: 'z@example.com' } })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  test('the people I met come back as a list and as vCards that parse', async () => {
    const { event, people: [a, b, c] } = await people(['Ann', 'Bob; Jr, "the 2nd"', 'Cat']);
    const m1 = await meet(event.id, [a!.attendee.id, b!.attendee.id]);
    await call(a!.socket, 'contact:share', { matchId: m1, contact: { email: 'ann@example.com' } });
    await call(b!.socket, 'contact:share', { matchId: m1, contact: { email: 'bob@example.com', phone: '+15551234567', url: 'https://bob.example.com/p', note: 'Line one. Line two, with a very long tail that needs folding across more than seventy-five octets' } });
    await server.app.services.matches.leave(a!.ref, { matchId: m1, reason: 'done' });
    await meet(event.id, [a!.attendee.id, c!.attendee.id]);

    const list = await request(server.url).get('/api/me/connections').set('authorization', `Bearer ${a!.token}`).expect(200);
    expect(list.body.connections).toEqual([
      expect.objectContaining({ name: 'Bob; Jr, "the 2nd"', sharedTopics: ['Tea'], contact: expect.objectContaining({ email: 'bob@example.com' }) }),
      expect.objectContaining({ name: 'Cat', contact: null }),
    ]);
    const all = await request(server.url).get('/api/me/connections.vcf').set('authorization', `Bearer ${a!.token}`).expect(200);
    expect(all.headers['content-type']).toMatch(/^text\/vcard/);
    const cards = parseVCards(all.text);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({
      VERSION: ['4.0'],
      FN: ['Bob; Jr, "the 2nd"'],
      EMAIL: ['bob@example.com'],
      TEL: ['tel:+15551234567'],
      URL: ['https://bob.example.com/p'],
    });
    expect(cards[0]!.NOTE).toEqual(['Line one. Line two, with a very long tail that needs folding across more than seventy-five octets\nMet at Aftercare']);
    const one = await request(server.url).get(`/api/me/connections.vcf?id=${b!.attendee.id}`).set('authorization', `Bearer ${a!.token}`).expect(200);
    expect(parseVCards(one.text)).toHaveLength(1);
    await request(server.url).get(`/api/me/connections.vcf?id=${c!.attendee.id}`).set('authorization', `Bearer ${a!.token}`).expect(404);
    // Everyone's but those the phone keeps apart (it blocked them: the server cannot tell who asked).
    const but = await request(server.url).get(`/api/me/connections.vcf?except=${b!.attendee.id},${c!.attendee.id}`).set('authorization', `Bearer ${a!.token}`).expect(200);
    expect(but.text).toBe('');
    const bad = await request(server.url).get('/api/me/connections.vcf?except=,').set('authorization', `Bearer ${a!.token}`).expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    await request(server.url).get('/api/me/connections').expect(401);
  });

  test('feedback is one vote per person per match, and only the aggregate reaches the organiser', async () => {
    const made = await createEvent(server.url, { name: 'Votes' });
    const a = await joinEvent(server.url, made.event.code, { name: 'Ann' });
    const b = await joinEvent(server.url, made.event.code, { name: 'Bob' });
    const [sa, sb] = [await connectAttendee(server.url, a.token), await connectAttendee(server.url, b.token)];
    sockets.push(sa, sb);
    const matchId = await meet(made.event.id, [a.attendee.id, b.attendee.id]);
    await call(sa, 'match:feedback', { matchId, good: false });
    await call(sa, 'match:feedback', { matchId, good: true });
    await call(sb, 'match:feedback', { matchId, good: false });
    expect(await call(sb, 'match:feedback', { matchId, good: 'yes' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const stats = await request(server.url).get(`/api/events/${made.event.id}/stats`).set('authorization', `Bearer ${made.organiserToken}`).expect(200);
    expect(stats.body.feedback).toEqual({ good: 1, bad: 1 });
  });

  test('after A blocks B they are never matched in 200 ticks, even when they are the only two looking', async () => {
    const { event, people: [a, b] } = await people(['Ann', 'Bob']);
    // Block works while a match is being formed too: it ends silently.
    const matchId = await meet(event.id, [a!.attendee.id, b!.attendee.id]);
    const bobEnded = waitFor(b!.socket, 'match:ended');
    expect(await call(a!.socket, 'attendee:block', { attendeeId: b!.attendee.id })).toMatchObject({ ok: true, state: { status: 'idle' } });
    expect(await bobEnded).toEqual({ matchId, reason: 'partner_left' });

    // A crowd that comes and goes around them; a seeded source keeps it repeatable.
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const crowd = [];
    for (let i = 0; i < 6; i++) crowd.push((await people([`C${i}`])).people[0]!);
    const svc = server.app.services.matches;
    const onlyUs = [a!, b!];
    let alone = 0;
    for (let tick = 0; tick < 200; tick++) {
      for (const p of [...onlyUs, ...crowd]) {
        const s = await server.app.services.attendees.state(p.ref);
        if (s.status === 'idle' && (onlyUs.includes(p) || random() < 0.3)) await svc.find(p.ref);
        else if (s.match && random() < 0.5) await svc.leave(p.ref, { matchId: s.match.id, reason: 'done' });
      }
      const looking = await store.listLooking(event.id);
      if (looking.length === 2 && looking.every((l) => onlyUs.some((p) => p.attendee.id === l.id))) alone++;
      await server.app.ticker.tick();
      const sa = await server.app.services.attendees.state(a!.ref);
      expect(sa.match?.partners.map((p) => p.id) ?? []).not.toContain(b!.attendee.id);
    }
    expect(alone).toBeGreaterThan(0); // the case where they were the only two looking did happen
  });

  test('a block that races a tick pairing the two still ends their match', async () => {
    const { people: [a, b] } = await people(['Ann', 'Bob']);
    for (const p of [a!, b!]) await server.app.services.matches.find(p.ref);
    // The tick lands after the block's checks and before the block is stored: it pairs them.
    const addBlock = store.addBlock.bind(store);
    jest.spyOn(store, 'addBlock').mockImplementationOnce(async (...args) => {
      await server.app.ticker.tick();
      expect((await server.app.services.attendees.state(a!.ref)).match?.partners.map((p) => p.id)).toEqual([b!.attendee.id]);
      return addBlock(...args);
    });
    const bobEnded = waitFor(b!.socket, 'match:ended');
    expect(await call(a!.socket, 'attendee:block', { attendeeId: b!.attendee.id })).toMatchObject({ ok: true, state: { status: 'idle' } });
    expect(await bobEnded).toMatchObject({ reason: 'partner_left' });
    expect(store.addBlock).toHaveBeenCalledTimes(1);
  });

  test('reports reach the organiser with the reported first name, and removal is one click', async () => {
    const made = await createEvent(server.url, { name: 'Safety' });
    const a = await joinEvent(server.url, made.event.code, { name: 'Ann' });
    const b = await joinEvent(server.url, made.event.code, { name: 'Bob' });
    const sa = await connectAttendee(server.url, a.token);
    sockets.push(sa);
    await meet(made.event.id, [a.attendee.id, b.attendee.id]); // only someone met can be reported
    expect(await call(sa, 'attendee:report', { attendeeId: b.attendee.id, reason: 'harassment', text: 'Would not leave me alone' })).toMatchObject({ ok: true });
    expect(await call(sa, 'attendee:report', { attendeeId: b.attendee.id, reason: 'because' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await call(sa, 'attendee:report', { attendeeId: a.attendee.id, reason: 'spam' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await call(sa, 'attendee:report', { attendeeId: 'nobody', reason: 'spam' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const auth = { authorization: `Bearer ${made.organiserToken}` };
    const stats = await request(server.url).get(`/api/events/${made.event.id}/stats`).set(auth).expect(200);
    expect(stats.body.reports).toEqual([expect.objectContaining({ attendeeId: b.attendee.id, name: 'Bob', reason: 'harassment', text: 'Would not leave me alone' })]);
    expect(JSON.stringify(stats.body.reports)).not.toContain('Ann');
    await request(server.url).delete(`/api/events/${made.event.id}/attendees/${b.attendee.id}`).set(auth).expect(204);
    await request(server.url).get('/api/me').set('authorization', `Bearer ${b.token}`).expect(401);
  });

  test('a report resent after a reconnect is stored once, and the retry acks like the first', async () => {
    const { event, people: [a, b] } = await people(['Ann', 'Bob']);
    await meet(event.id, [a!.attendee.id, b!.attendee.id]);
    const report = { attendeeId: b!.attendee.id, reason: 'made_uncomfortable', text: 'Stood far too close' };
    const ack = await call(a!.socket, 'attendee:report', report);
    expect(ack).toMatchObject({ ok: true });
    // The phone lost the ack, reconnected, and resends: twice at once, as a flaky phone might.
    a!.socket.disconnect();
    const again = await connectAttendee(server.url, a!.token);
    sockets.push(again);
    const retries = await Promise.all([call(again, 'attendee:report', report), call(again, 'attendee:report', { ...report, reason: 'other' })]);
    expect(retries).toEqual([ack, ack]);
    expect(await store.listReports(event.id)).toEqual([
      expect.objectContaining({ reporterId: a!.attendee.id, reportedId: b!.attendee.id, reason: 'made_uncomfortable' }),
    ]);
  });

  test('forget me deletes me at once: no trace in the store, my contacts gone from others’ lists, my token dead', async () => {
    const { event, people: [a, b] } = await people(['Forgettable', 'Bob']);
    const matchId = await meet(event.id, [a!.attendee.id, b!.attendee.id]);
    await call(a!.socket, 'contact:share', { matchId, contact: { email: 'forget@example.com', phone: '+447700900999' } });
    await call(b!.socket, 'contact:share', { matchId, contact: { email: 'bob@example.com' } });
    await call(b!.socket, 'match:feedback', { matchId, good: true });
    await call(a!.socket, 'attendee:report', { attendeeId: b!.attendee.id, reason: 'other' });

    const bobEnded = waitFor(b!.socket, 'match:ended');
    const gone = new Promise((resolve) => a!.socket.on('disconnect', resolve));
    await request(server.url).delete('/api/me').set('authorization', `Bearer ${a!.token}`).expect(204);
    await gone;
    expect((await bobEnded).reason).toBe('partner_left');

    const raw = JSON.stringify(store.toSnapshot());
    for (const trace of [a!.attendee.id, 'Forgettable', 'forget@example.com', '447700900999']) expect(raw).not.toContain(trace);
    const list = await request(server.url).get('/api/me/connections').set('authorization', `Bearer ${b!.token}`).expect(200);
    expect(list.body.connections).toEqual([]);
    await request(server.url).get('/api/me').set('authorization', `Bearer ${a!.token}`).expect(401);
    await expect(connectAttendee(server.url, a!.token)).rejects.toThrow('UNAUTHORIZED');
  });

  test('forget me over the socket', async () => {
    const { event, people: [a] } = await people(['Ann']);
    const gone = new Promise((resolve) => a!.socket.on('disconnect', resolve));
    expect(await call(a!.socket, 'me:forget')).toEqual({ ok: true });
    await gone;
    expect(await store.getAttendee(event.id, a!.attendee.id)).toBeNull();
  });

  test('a repeated forget is safe: the retries succeed and change nothing', async () => {
    const { event, people: [a, b, c] } = await people(['Ann', 'Bob', 'Cat']);
    // On the socket: a retry sent before the first ack came back. Whatever acks arrive before
    // the connection closes say ok.
    const acks: unknown[] = [];
    const gone = new Promise((resolve) => a!.socket.on('disconnect', resolve));
    for (let i = 0; i < 2; i++) a!.socket.emit('me:forget', {}, (ack) => acks.push(ack));
    await gone;
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) expect(ack).toEqual({ ok: true });
    // The closed phone retries over HTTP with its old token: the same 204.
    const forget = (token: string) => request(server.url).delete('/api/me').set('authorization', `Bearer ${token}`);
    await forget(a!.token).expect(204);
    // Two at once, and one more after: 204 each time.
    const both = await Promise.all([forget(b!.token), forget(b!.token)]);
    expect(both.map((r) => r.status)).toEqual([204, 204]);
    await forget(b!.token).expect(204);
    // And in the service, two forgets racing each other both succeed.
    const svc = server.app.services.aftercare;
    await expect(Promise.all([svc.forget(c!.ref), svc.forget(c!.ref)])).resolves.toHaveLength(2);
    expect(await store.listAttendees(event.id)).toEqual([]);
    // What a forgotten token still cannot do; and DELETE still wants a token of the right kind.
    await request(server.url).get('/api/me').set('authorization', `Bearer ${a!.token}`).expect(401);
    await expect(connectAttendee(server.url, a!.token)).rejects.toThrow('UNAUTHORIZED');
    await request(server.url).delete('/api/me').expect(401);
    const organiser = await createEvent(server.url, { name: 'Not yours' });
    await forget(organiser.organiserToken).expect(403);
  });
});

describe('logs', () => {
  test('a full flow logs no email, phone or token', async () => {
    let logs = '';
    const sink = new Writable({ write: (chunk, _enc, done) => ((logs += chunk.toString()), done()) });
    const logger = pino({ level: 'trace', redact: { paths: (await import('../../server/logger')).REDACT_PATHS, censor: '[redacted]' } }, sink);
    const server = await startServer({ matchIntervalMs: 20, logLevel: 'trace' }, { logger });
    const sockets: AttendeeSocket[] = [];
    try {
      const made = await createEvent(server.url, { name: 'Logged' });
      const a = await joinEvent(server.url, made.event.code, { name: 'Ann' });
      const b = await joinEvent(server.url, made.event.code, { name: 'Bob' });
      const sa = await connectAttendee(server.url, a.token);
      const sb = await connectAttendee(server.url, b.token);
      sockets.push(sa, sb);
      const match = await findEachOther(sa, sb);
      await call(sa, 'match:met', { matchId: match.id });
      await call(sa, 'contact:share', { matchId: match.id, contact: { email: 'secret.ann@example.com', phone: '+447700900111' } });
      const revealed = waitFor(sa, 'contact:revealed');
      await call(sb, 'contact:share', { matchId: match.id, contact: { email: 'secret.bob@example.com' } });
      await revealed;
      await call(sa, 'contact:share', { matchId: 'x', contact: { email: 'secret.bad@example.com', phone: 'nope' } });
      await request(server.url).get('/api/me/connections.vcf').set('authorization', `Bearer ${a.token}`).expect(200);
      await request(server.url).get(`/api/events/${made.event.id}/stats`).set('authorization', `Bearer ${made.organiserToken}`).expect(200);
      await request(server.url).delete('/api/me').set('authorization', `Bearer ${b.token}`).expect(204);
    } finally {
      sockets.forEach((s) => s.disconnect());
      await server.close();
    }
    expect(logs.length).toBeGreaterThan(1000); // it did log the flow
    for (const secret of ['secret.ann', 'secret.bob', 'secret.bad', '7700900111', 'Bearer ']) expect(logs).not.toContain(secret);
  });
});
