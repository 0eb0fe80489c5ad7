import type { Match, State } from '../../shared/schemas';
import {
  call,
  connectAttendee,
  createEvent,
  findEachOther,
  joinEvent,
  startServer,
  waitFor,
  type AttendeeSocket,
  type TestServer,
  joinAndConnect,
} from '../helpers/server';

describe('the attendee loop over real sockets', () => {
  let server: TestServer;
  const sockets: AttendeeSocket[] = [];

  beforeEach(async () => {
    server = await startServer({ matchIntervalMs: 10 });
  });
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await server.close();
  });

  const attendee = (code: string, body: Record<string, unknown>) => joinAndConnect(server, code, body, sockets);

  test('two people on their own find each other and see the same beacon', async () => {
    const { event } = await createEvent(server.url, { name: 'Meetup', spots: ['By the window'] });
    const ann = await attendee(event.code, { name: 'Ann', interests: ['Climbing', 'Jazz'], lookFor: 'red scarf' });
    const bob = await attendee(event.code, { name: 'Bob', interests: ['climbing '], lookFor: 'tall, glasses' });

    const annFound = waitFor(ann.socket, 'match:found');
    const bobFound = waitFor(bob.socket, 'match:found');
    const annAck = await call(ann.socket, 'match:find');
    expect(annAck).toMatchObject({ ok: true, state: { status: 'looking', match: null } });
    await call(bob.socket, 'match:find');
    const [a, b] = (await Promise.all([annFound, bobFound])) as [Match, Match];

    expect(a.id).toBe(b.id);
    expect(a.beacon).toEqual(b.beacon);
    expect(a.beacon.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(a.spot).toBe('By the window');
    expect(a.partners).toEqual([{ id: bob.attendee.id, name: 'Bob', interests: ['climbing'], lookFor: 'tall, glasses', arriving: false }]);
    expect(b.partners).toEqual([{ id: ann.attendee.id, name: 'Ann', interests: ['Climbing', 'Jazz'], lookFor: 'red scarf', arriving: false }]);
    expect(a.sharedTopics).toEqual(['Climbing']);
    expect(a.icebreaker).toContain('Climbing');
    expect(a.reasons).toEqual(expect.arrayContaining(["You're both here on your own"]));

    // We found each other: both chatting.
    const bobChatting = waitFor(bob.socket, 'state', (s) => s.status === 'chatting');
    const met = await call(ann.socket, 'match:met', { matchId: a.id });
    expect(met).toMatchObject({ ok: true, state: { status: 'chatting', match: { id: a.id, status: 'chatting' } } });
    await bobChatting;

    // Done: both idle, the partner is told.
    const bobEnded = waitFor(bob.socket, 'match:ended');
    const bobIdle = waitFor(bob.socket, 'state', (s) => s.status === 'idle');
    const left = await call(ann.socket, 'match:leave', { matchId: a.id, reason: 'done' });
    expect(left).toMatchObject({ ok: true, state: { status: 'idle', match: null } });
    expect(await bobEnded).toEqual({ matchId: a.id, reason: 'partner_left' });
    await bobIdle;
  });

  test('with three looking, the two solo people pair and the group member waits', async () => {
    const { event } = await createEvent(server.url);
    const cat = await attendee(event.code, { name: 'Cat', interests: ['Go', 'Rust'], solo: false });
    const dan = await attendee(event.code, { name: 'Dan', interests: ['Knitting'], solo: true });
    const eve = await attendee(event.code, { name: 'Eve', interests: ['Baking'], solo: true });

    // Cat shares nothing and is not alone, so Dan and Eve pair even though Cat waited longest.
    await server.app.ticker.stop();
    await call(cat.socket, 'match:find');
    await call(dan.socket, 'match:find');
    await call(eve.socket, 'match:find');
    const danFound = waitFor(dan.socket, 'match:found');
    const eveFound = waitFor(eve.socket, 'match:found');
    await server.app.ticker.tick();
    const [d, e] = (await Promise.all([danFound, eveFound])) as [Match, Match];
    expect(d.id).toBe(e.id);
    expect(d.partners.map((p) => p.name)).toEqual(['Eve']);
    expect((await server.app.services.attendees.state(cat.ref)).status).toBe('looking');

    // Dan and Eve can't find each other: both back to looking, and not paired again with each
    // other, even with nobody else around; one of them pairs with Cat instead.
    const ended = waitFor(eve.socket, 'match:ended');
    const catFound = waitFor(cat.socket, 'match:found');
    await call(dan.socket, 'match:leave', { matchId: d.id, reason: 'cant_find' });
    expect(await ended).toEqual({ matchId: d.id, reason: 'cant_find' });
    await server.app.ticker.tick();
    const c = (await catFound) as Match;
    expect(['Dan', 'Eve']).toContain(c.partners[0]!.name);
    const leftOver = c.partners[0]!.name === 'Dan' ? eve : dan;
    expect(await server.app.services.attendees.state(leftOver.ref)).toMatchObject({ status: 'looking', match: null });
  });

  test('someone who starts looking is told at once how many are looking', async () => {
    const { event } = await createEvent(server.url);
    await server.app.ticker.stop();
    const ann = await attendee(event.code, { name: 'Ann', solo: false });
    const bob = await attendee(event.code, { name: 'Bob', solo: false });
    const first = waitFor(ann.socket, 'match:waiting');
    await call(ann.socket, 'match:find');
    expect(await first).toEqual({ looking: 1, available: 0, estimateMs: null });
    const second = waitFor(bob.socket, 'match:waiting');
    await call(bob.socket, 'match:find');
    expect((await second).looking).toBe(2);
  });

  test('the tick tells only the phones still looking how many are looking', async () => {
    const { event } = await createEvent(server.url);
    await server.app.ticker.stop();
    const ann = await attendee(event.code, { name: 'Ann', solo: false });
    const cat = await attendee(event.code, { name: 'Cat', solo: false });
    const seenByCat: string[] = [];
    cat.socket.onAny((name: string) => seenByCat.push(name));
    await call(ann.socket, 'match:find');
    const hint = waitFor(ann.socket, 'match:waiting');
    await server.app.ticker.tick();
    expect(await hint).toMatchObject({ looking: 1 });
    // Anything the tick sent Cat is on the wire before the answer to Cat's next call.
    await call(cat.socket, 'profile:update', {});
    expect(seenByCat).not.toContain('match:waiting');
  });

  test('more shared interests win, then the longest wait', async () => {
    const { event } = await createEvent(server.url);
    const stop = server.app.ticker.stop();
    await stop;
    const fay = await attendee(event.code, { name: 'Fay', interests: ['a', 'b', 'c'] });
    const gus = await attendee(event.code, { name: 'Gus', interests: ['x'] });
    const hal = await attendee(event.code, { name: 'Hal', interests: ['A', 'B'] });
    const ida = await attendee(event.code, { name: 'Ida', interests: ['y'] });
    for (const p of [fay, gus, hal, ida]) await call(p.socket, 'match:find');
    const fayFound = waitFor(fay.socket, 'match:found');
    const gusFound = waitFor(gus.socket, 'match:found');
    await server.app.ticker.tick();
    expect(((await fayFound) as Match).partners[0]!.name).toBe('Hal');
    expect(((await gusFound) as Match).partners[0]!.name).toBe('Ida');
  });

  test('a reconnect with the same token gets the full state back, match included', async () => {
    const { event } = await createEvent(server.url);
    const ann = await attendee(event.code, { name: 'Ann' });
    const bob = await attendee(event.code, { name: 'Bob' });
    const match = await findEachOther(ann.socket, bob.socket);

    ann.socket.disconnect();
    const again = await connectAttendee(server.url, ann.token);
    sockets.push(again);
    const state = (await call(again, 'match:met', { matchId: match.id })) as { ok: true; state: State };
    expect(state.state.match).toMatchObject({ id: match.id, beacon: match.beacon, partners: match.partners });
    // A fresh connection's first state carries the match too.
    const third = await connectAttendee(server.url, ann.token).then(async (s) => {
      sockets.push(s);
      return s;
    });
    const me = await call(third, 'match:find').catch(() => null);
    expect(me).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  test('the first state on connect is authoritative', async () => {
    const { event } = await createEvent(server.url);
    const joined = await joinEvent(server.url, event.code, { name: 'Zed', interests: ['Tea'] });
    const { io } = await import('socket.io-client');
    const socket = io(`${server.url}/attendee`, { auth: { token: joined.token }, transports: ['websocket'], forceNew: true, reconnection: false });
    sockets.push(socket);
    const state = await waitFor(socket, 'state');
    expect(state).toMatchObject({ status: 'idle', match: null, me: joined.attendee, event: { id: event.id } });
  });

  test('a looking attendee whose phone is gone is not paired until they come back', async () => {
    const { event } = await createEvent(server.url);
    const ann = await attendee(event.code, { name: 'Ann' });
    await call(ann.socket, 'match:find');
    const annDown = ann.socket;
    const annGone = new Promise<void>((resolve) => {
      const check = async () => ((await server.app.services.attendees.get(ann.ref)).online === 0 ? resolve() : setImmediate(check));
      annDown.disconnect();
      void check();
    });
    await annGone;

    const bob = await attendee(event.code, { name: 'Bob' });
    await call(bob.socket, 'match:find');
    await server.app.ticker.tick();
    await server.app.ticker.tick();
    expect((await server.app.services.attendees.get(bob.ref)).status).toBe('looking');

    // Ann comes back and carries on looking: now they pair.
    const bobFound = waitFor(bob.socket, 'match:found');
    const back = await connectAttendee(server.url, ann.token);
    sockets.push(back);
    const match = (await bobFound) as Match;
    expect(match.partners[0]!.name).toBe('Ann');
  });

  test('a match nobody confirms ends with timeout', async () => {
    await server.close();
    server = await startServer({ matchIntervalMs: 10, matchTimeoutMs: 150 });
    const { event } = await createEvent(server.url);
    const ann = await attendee(event.code, { name: 'Ann' });
    const bob = await attendee(event.code, { name: 'Bob' });
    const match = await findEachOther(ann.socket, bob.socket);
    const [ae, be] = await Promise.all([waitFor(ann.socket, 'match:ended'), waitFor(bob.socket, 'match:ended')]);
    expect(ae).toEqual({ matchId: match.id, reason: 'timeout' });
    expect(be).toEqual({ matchId: match.id, reason: 'timeout' });
    expect((await server.app.services.attendees.state(ann.ref)).status).toBe('idle');
  });

  test('the same two are not paired twice while someone else is looking', async () => {
    const { event } = await createEvent(server.url);
    await server.app.ticker.stop();
    const [ann, bob, cal] = await Promise.all(['Ann', 'Bob', 'Cal'].map((name) => attendee(event.code, { name, interests: ['Same'] })));
    await call(ann!.socket, 'match:find');
    await call(bob!.socket, 'match:find');
    await server.app.ticker.tick();
    const first = (await server.app.services.attendees.state(ann!.ref)).match!;
    await call(ann!.socket, 'match:leave', { matchId: first.id, reason: 'done' });
    // Ann and Bob look again, with Cal.
    for (const p of [ann!, bob!, cal!]) await call(p.socket, 'match:find');
    await server.app.ticker.tick();
    const annNow = await server.app.services.attendees.state(ann!.ref);
    const bobNow = await server.app.services.attendees.state(bob!.ref);
    const paired = [annNow, bobNow].filter((s) => s.match);
    expect(paired).toHaveLength(1);
    expect(paired[0]!.match!.partners[0]!.name).toBe('Cal');
  });

  /** Stops the ticker and puts these people straight into one match (as the ticker would). */
  async function matched(names: string[]) {
    const { event } = await createEvent(server.url);
    await server.app.ticker.stop();
    const people = [];
    for (const name of names) people.push(await attendee(event.code, { name }));
    for (const p of people) await call(p.socket, 'match:find');
    const matchId = `m${Math.random().toString(36).slice(2)}`;
    const beacon = { color: '#7c3aed', emoji: '🦊', colorName: 'purple' };
    const memberIds = people.map((p) => p.attendee.id);
    const match = { id: matchId, eventId: event.id, memberIds, status: 'matched' as const, createdAt: Date.now(), metAt: null, endedAt: null, endReason: null, sharedTopics: [], icebreaker: 'Hi?', spot: null, beacon, reasons: {}, waits: {}, open: false };
    expect(await server.app.store.claimMatch(match)).toBe(true);
    return { event, people, matchId };
  }

  test("once they have found each other, can't find is refused and the pair or circle carries on", async () => {
    for (const names of [['Ann', 'Bob'], ['Cat', 'Dan', 'Eve']]) {
      const { people, matchId } = await matched(names);
      await call(people[1]!.socket, 'match:met', { matchId });
      const ack = await call(people[0]!.socket, 'match:leave', { matchId, reason: 'cant_find' });
      expect(ack).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      for (const p of people) {
        expect(await server.app.services.attendees.state(p.ref)).toMatchObject({ status: 'chatting', match: { id: matchId } });
      }
      expect(await server.app.store.listLooking(people[0]!.ref.eventId)).toEqual([]);
      // "Done" still leaves.
      expect(await call(people[0]!.socket, 'match:leave', { matchId, reason: 'done' })).toMatchObject({ ok: true, state: { status: 'idle' } });
    }
  });

  test("can't find in an event that has ended sends people to idle, not back to looking", async () => {
    for (const names of [['Ann', 'Bob'], ['Cat', 'Dan', 'Eve']]) {
      const { event, people, matchId } = await matched(names);
      await server.app.services.organisers.setStatus(event.id, 'ended');
      const pair = names.length === 2;
      const ended = pair ? waitFor(people[1]!.socket, 'match:ended') : null;
      const ack = await call(people[0]!.socket, 'match:leave', { matchId, reason: 'cant_find' });
      expect(ack).toMatchObject({ ok: true, state: { status: 'idle', match: null } });
      if (ended) expect(await ended).toEqual({ matchId, reason: 'cant_find' });
      expect(await server.app.store.listLooking(event.id)).toEqual([]);
      const left = pair ? people : people.slice(0, 1);
      for (const p of left) expect(await server.app.services.attendees.state(p.ref)).toMatchObject({ status: 'idle' });
    }
  });

  test('retried actions change nothing twice', async () => {
    const { event } = await createEvent(server.url);
    await server.app.ticker.stop();
    const ann = await attendee(event.code, { name: 'Ann' });
    const bob = await attendee(event.code, { name: 'Bob' });
    const [f1, f2] = await Promise.all([call(ann.socket, 'match:find'), call(ann.socket, 'match:find')]);
    expect(f1).toMatchObject({ ok: true, state: { status: 'looking' } });
    expect(f2).toMatchObject({ ok: true, state: { status: 'looking' } });
    await call(bob.socket, 'match:find');
    await server.app.ticker.tick();
    const matchId = (await server.app.services.attendees.state(ann.ref)).match!.id;
    const mets = await Promise.all([1, 2, 3].map(() => call(bob.socket, 'match:met', { matchId })));
    for (const m of mets) expect(m).toMatchObject({ ok: true, state: { status: 'chatting' } });
    const leaves = await Promise.all([1, 2].map(() => call(ann.socket, 'match:leave', { matchId, reason: 'done' })));
    for (const l of leaves) expect(l).toMatchObject({ ok: true, state: { status: 'idle' } });
    const cancels = await Promise.all([1, 2].map(() => call(ann.socket, 'match:cancel')));
    for (const c of cancels) expect(c).toMatchObject({ ok: true, state: { status: 'idle' } });
  });
});
