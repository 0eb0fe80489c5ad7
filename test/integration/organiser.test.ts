import request from 'supertest';
import { io } from 'socket.io-client';
import type { Match, Stats } from '../../shared/schemas';
import {
  call,
  connectAttendee,
  connectOrganiser,
  control,
  createEvent,
  findEachOther,
  joinEvent,
  startServer,
  startServerOnClock,
  waitFor,
  waitUntil,
  type AttendeeSocket,
  type OrganiserSocket,
  type TestServer,
  joinAndConnect,
} from '../helpers/server';

describe('the organiser', () => {
  let server: TestServer;
  let clock = 1_800_000_000_000;
  const sockets: Array<AttendeeSocket | OrganiserSocket> = [];

  beforeEach(async () => {
    clock = 1_800_000_000_000;
    server = await startServerOnClock(() => clock);
  });
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await server.close();
  });

  const attendee = (code: string, body: Record<string, unknown>) => joinAndConnect(server, code, body, sockets);

  async function organiser() {
    const made = await createEvent(server.url, { name: 'Dashboard night', topics: ['AI'], spots: ['Bar'] });
    const socket = await connectOrganiser(server.url, made.organiserToken, made.event.id);
    sockets.push(socket);
    return { ...made, socket };
  }

  const stats = (id: string, token: string) =>
    request(server.url).get(`/api/events/${id}/stats`).set('authorization', `Bearer ${token}`).expect(200).then((r) => r.body as Stats);

  test('once the event is deleted (end plus retention), its open dashboards are let go', async () => {
    const { event, organiserToken, socket } = await organiser();
    expect(await control(socket, 'event:end')).toMatchObject({ ok: true });
    const told = await stats(event.id, organiserToken);
    expect(Date.parse(told.deletesAt)).toBe(server.app.store.deletesAt((await server.app.store.getEvent(event.id))!));
    const deleted = new Promise<unknown>((resolve) => socket.once('event:deleted', resolve));
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    clock = Date.parse(told.deletesAt);
    expect(await server.app.store.sweep(clock)).toBe(1);
    expect(await deleted).toEqual({ eventId: event.id });
    expect(await dropped).toBe('io server disconnect');
    await request(server.url).get(`/api/events/${event.id}/stats`).set('authorization', `Bearer ${organiserToken}`).expect(401);
  });

  test('stats are right after a scripted evening, number by number', async () => {
    const { event, organiserToken } = await organiser();
    const ann = await attendee(event.code, { name: 'Ann', interests: ['AI', 'Go'], solo: true, lookFor: 'red scarf' });
    const bob = await attendee(event.code, { name: 'Bob', interests: ['ai'], solo: true });
    const cat = await attendee(event.code, { name: 'Cat', interests: ['Go'], solo: false });
    const dan = await attendee(event.code, { name: 'Dan', interests: [], solo: true });

    await call(ann.socket, 'match:find');
    clock += 10_000;
    await call(bob.socket, 'match:find');
    clock += 20_000;
    await call(cat.socket, 'match:find');
    await server.app.presence.refresh(); // phones still connected: vouch for them at the new time
    // Ann waited 30 s, Bob 20 s when the tick pairs them; Cat keeps waiting.
    await server.app.ticker.tick();
    const match = (await server.app.services.attendees.state({ eventId: event.id, attendeeId: ann.attendee.id })).match!;
    expect(match.partners[0]!.name).toBe('Bob');
    await call(bob.socket, 'match:met', { matchId: match.id });
    clock += 5_000;
    await server.app.presence.refresh();

    let s = await stats(event.id, organiserToken);
    expect(s).toMatchObject({
      eventId: event.id,
      attendees: 4,
      online: 4,
      idle: 1,
      looking: 1,
      matched: 0,
      chatting: 2,
      solo: 3,
      matchesTotal: 1,
      metTotal: 1,
      cantFindTotal: 0,
      timedOutTotal: 0,
      medianWaitMs: 20_000,
      p90WaitMs: 30_000,
      conversedShare: 0.5,
      longestWaiting: [{ id: cat.attendee.id, name: 'Cat', lookFor: '', waitingMs: 5_000 }],
    });
    expect(s.topics).toEqual([
      { topic: 'AI', count: 2 },
      { topic: 'Go', count: 2 },
    ]);
    expect(s.perMinute.reduce((n, m) => n + m.matches, 0)).toBe(1);
    expect(s.waitHistogram.find((b) => b.upToMs === 30_000)!.count).toBe(2);

    // Done, then Dan and Cat pair but can't find each other; a later match times out.
    await call(ann.socket, 'match:leave', { matchId: match.id, reason: 'done' });
    await call(dan.socket, 'match:find');
    await server.app.ticker.tick();
    const m2 = (await server.app.services.attendees.state({ eventId: event.id, attendeeId: dan.attendee.id })).match!;
    await call(dan.socket, 'match:leave', { matchId: m2.id, reason: 'cant_find' });
    dan.socket.disconnect();

    s = await stats(event.id, organiserToken);
    expect(s).toMatchObject({ attendees: 4, idle: 2, looking: 2, matched: 0, chatting: 0, matchesTotal: 2, metTotal: 1, cantFindTotal: 1 });
    await new Promise<void>((resolve) => {
      const check = async () => ((await stats(event.id, organiserToken)).online === 3 ? resolve() : setImmediate(check));
      void check();
    });
  });

  test('dashboards that connect at once share one working-out of the figures', async () => {
    // Before: each worked them out afresh, as none had been recorded yet: 30 dashboards opened at
    // once on an event of 20,000 took 30 computations, 2.3 s of the server's time, over and over.
    const made = await createEvent(server.url, { name: 'Busy night' });
    const { organisers } = server.app.services;
    const real = organisers.stats.bind(organisers);
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let computed = 0;
    const spy = jest.spyOn(organisers, 'stats').mockImplementation(async (eventId) => {
      computed++;
      await gate; // a big event's figures take a while: every dashboard is in before they are done
      return real(eventId);
    });
    const opening = Array.from({ length: 30 }, () => connectOrganiser(server.url, made.organiserToken, made.event.id));
    await waitUntil(() => server.app.io.of('/organiser').sockets.size === 30);
    release();
    sockets.push(...(await Promise.all(opening)));
    spy.mockRestore();
    expect(computed).toBe(1);
  });

  test('the dashboard gets its event and join link on connect, stats then, and again when something changes', async () => {
    const made = await createEvent(server.url, { name: 'Described' });
    const described = new Promise<unknown>((resolve) => {
      const s = io(`${server.url}/organiser`, { auth: { token: made.organiserToken }, transports: ['websocket'], forceNew: true, reconnection: false });
      sockets.push(s as unknown as OrganiserSocket);
      s.once('event:updated', resolve);
    });
    expect(await described).toEqual({ event: made.event, joinUrl: made.joinUrl });
    const { event, socket } = await organiser();
    const next = new Promise<Stats>((resolve) => socket.once('stats', resolve));
    await attendee(event.code, { name: 'Eve' });
    const pushed = await next;
    expect(pushed.attendees).toBe(1);
  });

  test('pause, resume, announce, update and end reach every phone', async () => {
    const { event, socket } = await organiser();
    const ann = await attendee(event.code, { name: 'Ann' });
    const bob = await attendee(event.code, { name: 'Bob' });

    const paused = waitFor(ann.socket, 'event:updated');
    expect(await control(socket, 'event:pause')).toMatchObject({ ok: true, event: { status: 'paused' } });
    expect((await paused).event.status).toBe('paused');
    // Looking while paused is accepted and waits: no match forms.
    expect(await call(ann.socket, 'match:find')).toMatchObject({ ok: true, state: { status: 'looking' } });
    await call(bob.socket, 'match:find');
    await server.app.ticker.tick();
    expect((await server.app.services.attendees.state({ eventId: event.id, attendeeId: ann.attendee.id })).status).toBe('looking');

    const found = waitFor(ann.socket, 'match:found');
    expect(await control(socket, 'event:resume')).toMatchObject({ ok: true, event: { status: 'open' } });
    await server.app.ticker.tick();
    await found;

    const banner = waitFor(bob.socket, 'event:announcement');
    expect(await control(socket, 'event:announce', { message: '  Talks start in 5 minutes ' })).toMatchObject({ ok: true });
    expect(await banner).toEqual({ message: 'Talks start in 5 minutes', at: new Date(clock).toISOString() });
    // A phone that connects later sees it on the event.
    const late = await attendee(event.code, { name: 'Late' });
    expect((await call(late.socket, 'profile:update', {})) as unknown).toMatchObject({ ok: true, state: { event: { announcement: { message: 'Talks start in 5 minutes' } } } });

    const renamed = waitFor(bob.socket, 'event:updated');
    expect(await control(socket, 'event:update', { spots: ['Garden', 'Bar'], topics: ['Rust'] })).toMatchObject({ ok: true, event: { spots: ['Garden', 'Bar'], topics: ['Rust'] } });
    expect((await renamed).event.spots).toEqual(['Garden', 'Bar']);

    const cy = await attendee(event.code, { name: 'Cy' });
    await call(cy.socket, 'match:find');
    const ended = waitFor(cy.socket, 'event:updated');
    const cyIdle = waitFor(cy.socket, 'state', (st) => st.status === 'idle');
    expect(await control(socket, 'event:end')).toMatchObject({ ok: true, event: { status: 'ended' } });
    expect((await ended).event.status).toBe('ended');
    await cyIdle;
    expect(await call(cy.socket, 'match:find')).toMatchObject({ ok: false, error: { code: 'EVENT_CLOSED' } });
    expect(await control(socket, 'event:resume')).toMatchObject({ ok: false, error: { code: 'EVENT_CLOSED' } });
  });

  test('an announcement taken down leaves the phones showing it, and later phones never see it', async () => {
    const { event, organiserToken, socket } = await organiser();
    const ann = await attendee(event.code, { name: 'Ann' });
    // A second host's dashboard sees what was sent, and when.
    const other = await connectOrganiser(server.url, organiserToken, event.id);
    sockets.push(other);
    // Its first `event:updated` is the one on connect: the one that matters carries the message.
    const toOther = new Promise<{ event: { announcement: unknown } }>((resolve) =>
      other.on('event:updated', (p: { event: { announcement: unknown } }) => void (p.event.announcement && resolve(p))),
    );
    const sent = waitFor(ann.socket, 'event:announcement');
    expect(await control(socket, 'event:announce', { message: 'Talks start in 5 minutes' })).toMatchObject({ ok: true });
    const { at } = await sent;
    expect((await toOther).event.announcement).toEqual({ message: 'Talks start in 5 minutes', at });

    const withdrawn = waitFor(ann.socket, 'announcement:withdrawn');
    const dashboard = waitFor(socket, 'event:updated');
    expect(await control(socket, 'announcement:withdraw')).toMatchObject({ ok: true, event: { announcement: null } });
    expect(await withdrawn).toEqual({ at });
    expect((await dashboard).event.announcement).toBeNull();
    expect((await server.app.store.getEvent(event.id))?.announcement).toBeNull();
    const late = await attendee(event.code, { name: 'Late' });
    expect((await call(late.socket, 'profile:update', {})) as unknown).toMatchObject({ ok: true, state: { event: { announcement: null } } });

    // Again, with none up: nothing changes, and nobody is told.
    const told: string[] = [];
    ann.socket.onAny((name: string) => told.push(name));
    expect(await control(socket, 'announcement:withdraw')).toMatchObject({ ok: true, event: { announcement: null } });
    const res = await request(server.url).delete(`/api/events/${event.id}/announcement`).set('authorization', `Bearer ${organiserToken}`).expect(200);
    expect(res.body.event.announcement).toBeNull();
    await call(ann.socket, 'profile:update', {}); // flushes what was sent to Ann
    expect(told.filter((name) => name.startsWith('announcement') || name === 'event:announcement')).toEqual([]);
  });

  test('an end and a resume at the same moment never reopen the event', async () => {
    const { event, socket } = await organiser();
    const ann = await attendee(event.code, { name: 'Ann' });
    const updates: string[] = [];
    ann.socket.on('event:updated', ({ event: e }) => updates.push(e.status));
    await control(socket, 'event:pause');
    const [end, resume, again] = await Promise.all([control(socket, 'event:end'), control(socket, 'event:resume'), control(socket, 'event:resume')]);
    expect(end).toMatchObject({ ok: true, event: { status: 'ended' } });
    for (const ack of [resume, again]) expect(ack).toMatchObject({ ok: false, error: { code: 'EVENT_CLOSED' } });
    expect(await server.app.store.getEvent(event.id)).toMatchObject({ status: 'ended' });
    await call(ann.socket, 'profile:update', {}); // flushes what was sent to Ann
    expect(updates).toEqual(['paused', 'ended']);
    // Through the service too, on an event that has not ended, all started in one go: a status
    // read then written in two steps would let the resume, read while still paused, land after
    // the end and reopen it.
    const fresh = (await organiser()).event;
    const org = server.app.services.organisers;
    await org.setStatus(fresh.id, 'paused');
    const results = await Promise.allSettled([org.setStatus(fresh.id, 'ended'), org.setStatus(fresh.id, 'open'), org.setStatus(fresh.id, 'open')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(await server.app.store.getEvent(fresh.id)).toMatchObject({ status: 'ended' });
  });

  test('once the event has ended, editing is refused EVENT_CLOSED and changes nothing; announcing still reaches the phones; the record stays at hand', async () => {
    const { event, organiserToken, socket } = await organiser();
    const ann = await attendee(event.code, { name: 'Ann' });
    const bob = await attendee(event.code, { name: 'Bob' });
    expect(await control(socket, 'event:end')).toMatchObject({ ok: true, event: { status: 'ended' } });
    const ended = await server.app.store.getEvent(event.id);
    const told: string[] = [];
    ann.socket.on('event:announcement', () => told.push('event:announcement'));
    ann.socket.on('event:updated', () => told.push('event:updated'));

    // Over the dashboard's socket...
    expect(await control(socket, 'event:announce', { message: 'Drinks carry on next door' })).toMatchObject({
      ok: true,
      event: { status: 'ended', announcement: { message: 'Drinks carry on next door' } },
    });
    for (const patch of [{ topics: ['Rust'] }, { spots: ['Garden'] }, { name: 'Renamed' }]) {
      expect(await control(socket, 'event:update', patch)).toEqual({
        ok: false,
        error: { code: 'EVENT_CLOSED', message: 'This event has ended, so the changes were not saved.' },
      });
    }
    // ...and over HTTP.
    const auth = { authorization: `Bearer ${organiserToken}` };
    const announced = await request(server.url).post(`/api/events/${event.id}/announce`).set(auth).send({ message: 'Slides are on the site' });
    expect({ status: announced.status, message: announced.body.event?.announcement?.message }).toEqual({ status: 200, message: 'Slides are on the site' });
    const patched = await request(server.url).patch(`/api/events/${event.id}`).set(auth).send({ name: 'Renamed', spots: ['Garden'] });
    expect({ status: patched.status, error: patched.body.error }).toEqual({
      status: 409,
      error: { code: 'EVENT_CLOSED', message: 'This event has ended, so the changes were not saved.' },
    });
    // A bad body is still a bad body, said first.
    await request(server.url).post(`/api/events/${event.id}/announce`).set(auth).send({ message: '' }).expect(400);

    // The details are as the end left them; the announcement is the latest one.
    expect(await server.app.store.getEvent(event.id)).toEqual({ ...ended, announcement: expect.objectContaining({ message: 'Slides are on the site' }) });
    await call(ann.socket, 'profile:update', {}); // flushes what was sent to Ann
    expect(told).toEqual(['event:announcement', 'event:announcement']);

    // What still makes sense after the end: the figures, the export, the event itself, ending
    // again (a repeat), and taking someone out (a report read at the end of the evening).
    expect((await stats(event.id, organiserToken)).attendees).toBe(2);
    await request(server.url).get(`/api/events/${event.id}/export.csv`).set(auth).expect(200);
    await request(server.url).get(`/api/events/${event.id}/organiser`).set(auth).expect(200);
    expect(await control(socket, 'event:end')).toMatchObject({ ok: true, event: { status: 'ended' } });
    expect(await control(socket, 'attendee:remove', { attendeeId: bob.attendee.id })).toMatchObject({ ok: true });
    expect(await server.app.store.getAttendee(event.id, bob.attendee.id)).toBeNull();
  });

  test('an edit sent at the same moment as the end lands before it or not at all', async () => {
    const org = server.app.services.organisers;
    for (const [what, act] of [['update', (id: string) => org.update(id, { spots: ['Garden'] })]] as const) {
      const { event } = await organiser();
      // Started first, so a read of the status then a write would see it open and write after the end.
      const [change, end] = await Promise.allSettled([act(event.id), org.setStatus(event.id, 'ended')]);
      expect({ what, end: end.status }).toEqual({ what, end: 'fulfilled' });
      const atEnd = (end as PromiseFulfilledResult<import('../../shared/schemas').Event>).value;
      const now = await server.app.services.organisers.event(event.id);
      // The event is as the end left it: anything accepted was part of it.
      expect({ what, now }).toEqual({ what, now: atEnd });
      if (change.status === 'fulfilled') {
        expect({ what, atEnd }).toMatchObject({ what, atEnd: { spots: ['Garden'] } });
      } else {
        expect(change.reason).toMatchObject({ code: 'EVENT_CLOSED' });
      }
    }
  });

  test('an event ended early is deleted at its actual end plus retention, not its planned end', async () => {
    clock = Date.now(); // a planned end is checked against the real clock
    const planned = clock + 3 * 3_600_000;
    const made = await createEvent(server.url, { name: 'Short night', endsAt: new Date(planned).toISOString() });
    const socket = await connectOrganiser(server.url, made.organiserToken, made.event.id);
    sockets.push(socket);
    clock += 3_600_000;
    const ended = await control(socket, 'event:end');
    expect(ended).toMatchObject({ ok: true, event: { status: 'ended', endsAt: new Date(clock).toISOString() } });
    const retention = 24 * 3_600_000; // the memory store's default
    expect(await server.app.store.sweep(clock + retention - 1)).toBe(0);
    expect(await server.app.store.sweep(clock + retention)).toBe(1);
    expect(await server.app.store.getEvent(made.event.id)).toBeNull();
  });

  test('bad control payloads are VALIDATION_FAILED and change nothing', async () => {
    const { event, socket } = await organiser();
    for (const [name, payload] of [
      ['event:announce', { message: '' }],
      ['event:announce', { message: 'x'.repeat(281) }],
      ['event:pause', { now: true }],
      ['event:update', { spots: 'Bar' }],
      ['attendee:remove', {}],
    ] as const) {
      expect(await control(socket, name, payload)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect((await server.app.store.getEvent(event.id))!.status).toBe('open');
  });

  test('removing an attendee kills their token at once and disconnects them; the partner is told', async () => {
    const { event, socket, organiserToken } = await organiser();
    const ann = await attendee(event.code, { name: 'Ann' });
    const bob = await attendee(event.code, { name: 'Bob' });
    const found = waitFor(ann.socket, 'match:found');
    await call(ann.socket, 'match:find');
    await call(bob.socket, 'match:find');
    await server.app.ticker.tick();
    const match = (await found) as Match;

    // Bob's phone is told why, before the connection closes.
    const told: unknown[] = [];
    bob.socket.on('attendee:removed', (payload) => told.push(payload));
    const gone = new Promise<string>((resolve) => bob.socket.on('disconnect', (reason) => resolve(`${reason} after ${JSON.stringify(told)}`)));
    const annEnded = waitFor(ann.socket, 'match:ended');
    expect(await control(socket, 'attendee:remove', { attendeeId: bob.attendee.id })).toMatchObject({ ok: true });
    expect(await gone).toBe(`io server disconnect after ${JSON.stringify([{ eventId: event.id }])}`);
    // Bob left the event, not only the match: Ann's phone may say he had to go.
    expect(await annEnded).toEqual({ matchId: match.id, reason: 'partner_left', partnerLeftEvent: true });
    // A resume is refused UNAUTHORIZED with the reason REMOVED (docs/PROTOCOL.md): the phone
    // shows why, not a join form.
    await expect(connectAttendee(server.url, bob.token)).rejects.toMatchObject({ message: 'UNAUTHORIZED', data: { reason: 'REMOVED' } });
    await request(server.url).get('/api/me').set('authorization', `Bearer ${bob.token}`).expect(401);
    // A repeat (a retry, another organiser) is done already: the same answer, nothing twice.
    expect(await control(socket, 'attendee:remove', { attendeeId: bob.attendee.id })).toMatchObject({ ok: true });
    // The figures keep that someone was removed (once, for the repeat), if nothing else of them.
    expect(await stats(event.id, organiserToken)).toMatchObject({ attendees: 1, removedTotal: 1 });
  });

  test('the namespace refuses attendee tokens, unknown tokens and other events’ tokens', async () => {
    const mine = await createEvent(server.url, { name: 'Mine' });
    const theirs = await createEvent(server.url, { name: 'Theirs' });
    const att = await joinEvent(server.url, mine.event.code, { name: 'Ann' });
    const refuse = (auth: Record<string, unknown>) =>
      new Promise<string>((resolve) => {
        const s = io(`${server.url}/organiser`, { auth, transports: ['websocket'], forceNew: true, reconnection: false });
        s.on('connect_error', (e) => {
          s.close();
          resolve(e.message);
        });
        s.on('connect', () => {
          s.close();
          resolve('connected');
        });
      });
    expect(await refuse({})).toBe('UNAUTHORIZED');
    expect(await refuse({ token: 'x'.repeat(43) })).toBe('UNAUTHORIZED');
    expect(await refuse({ token: att.token })).toBe('FORBIDDEN');
    expect(await refuse({ token: theirs.organiserToken, eventId: mine.event.id })).toBe('FORBIDDEN');
    expect(await refuse({ token: mine.organiserToken, eventId: mine.event.id })).toBe('connected');
  });

  test('every HTTP control works with the right token and is refused without it', async () => {
    const mine = await createEvent(server.url, { name: 'Mine' });
    const theirs = await createEvent(server.url, { name: 'Theirs' });
    const att = await joinEvent(server.url, mine.event.code, { name: 'Ann' });
    const id = mine.event.id;
    const routes: Array<[string, string, unknown?]> = [
      ['get', `/api/events/${id}/stats`],
      ['get', `/api/events/${id}/organiser`],
      ['get', `/api/events/${id}/export.csv`],
      ['post', `/api/events/${id}/pause`],
      ['post', `/api/events/${id}/resume`],
      ['post', `/api/events/${id}/announce`, { message: 'Hello' }],
      ['delete', `/api/events/${id}/announcement`],
      ['patch', `/api/events/${id}`, { name: 'Renamed' }],
      ['delete', `/api/events/${id}/attendees/${att.attendee.id}`],
      ['post', `/api/events/${id}/end`],
    ];
    for (const [method, path, body] of routes) {
      const send = (token?: string) => {
        const r = (request(server.url) as unknown as Record<string, (p: string) => request.Test>)[method]!(path);
        if (token) r.set('authorization', `Bearer ${token}`);
        return body ? r.send(body as object) : r;
      };
      expect((await send()).status).toBe(401);
      expect((await send(att.token)).body.error?.code ?? 'deleted').toMatch(/FORBIDDEN|deleted/);
      expect((await send(theirs.organiserToken)).status).toBe(403);
    }
    // Nothing changed under the wrong tokens.
    expect(await server.app.store.getEvent(id)).toMatchObject({ name: 'Mine', status: 'open' });
    for (const [method, path, body] of routes) {
      const r = (request(server.url) as unknown as Record<string, (p: string) => request.Test>)[method]!(path).set('authorization', `Bearer ${mine.organiserToken}`);
      const res = await (body ? r.send(body as object) : r);
      expect({ path, status: res.status }).toEqual({ path, status: method === 'delete' && path.includes('/attendees/') ? 204 : 200 });
    }
    expect(await server.app.store.getEvent(id)).toMatchObject({ name: 'Renamed', status: 'ended' });
    expect(await server.app.store.getAttendee(id, att.attendee.id)).toBeNull();
    // The event, for a page that only checks the token still opens it.
    const opened = await request(server.url).get(`/api/events/${id}/organiser`).set('authorization', `Bearer ${mine.organiserToken}`).expect(200);
    expect(opened.body.event).toMatchObject({ id, name: 'Renamed', code: mine.event.code, status: 'ended' });
    expect(opened.headers['cache-control']).toBe('no-store');
    const bad = await request(server.url).post(`/api/events/${id}/announce`).set('authorization', `Bearer ${mine.organiserToken}`).send({ message: '' });
    expect(bad.status).toBe(400);
  });

  test('the CSV export has one row per match and no names or contact details', async () => {
    const { event, organiserToken } = await organiser();
    const ann = await attendee(event.code, { name: 'Annabelle', interests: ['AI'], lookFor: 'ann@example.com' });
    const bob = await attendee(event.code, { name: 'Bartholomew', interests: ['AI'], lookFor: '+44 7700 900123' });
    await call(ann.socket, 'match:find');
    clock += 4_000;
    await call(bob.socket, 'match:find');
    await server.app.ticker.tick();
    const res = await request(server.url).get(`/api/events/${event.id}/export.csv`).set('authorization', `Bearer ${organiserToken}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toBe('time,group_size,wait_ms,shared_topics,outcome,joined');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(`${new Date(clock).toISOString()},2,4000,1,matched,0`);
    for (const secret of ['Annabelle', 'Bartholomew', 'ann@example.com', '7700', ann.attendee.id, bob.attendee.id]) {
      expect(res.text).not.toContain(secret);
    }
  });

  test('/metrics speaks Prometheus, behind METRICS_TOKEN when set', async () => {
    await server.close();
    server = await startServer({ metricsToken: 'metrics-secret' });
    await request(server.url).get('/metrics').expect(401);
    const { event } = await createEvent(server.url);
    const a = await attendee(event.code, { name: 'A' });
    const b = await attendee(event.code, { name: 'B' });
    await findEachOther(a.socket, b.socket);
    const res = await request(server.url).get('/metrics').set('authorization', 'Bearer metrics-secret').expect(200);
    expect(res.text).toMatch(/^mingle_connections 2$/m);
    expect(res.text).toMatch(/^mingle_matches_total 1$/m);
    expect(res.text).toMatch(/^mingle_time_to_match_seconds_count 2$/m);
    expect(res.text).toContain('nodejs_eventloop_lag_seconds');
    expect(res.text).toMatch(/^mingle_store_errors_total 0$/m);
  });
});
