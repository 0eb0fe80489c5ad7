import { io } from 'socket.io-client';
import type { Match } from '../../shared/schemas';
import {
  call,
  connectAttendee,
  createEvent,
  joinEvent,
  startServer,
  waitFor,
  type AttendeeSocket,
  type TestServer,
  joinAndConnect,
} from '../helpers/server';

describe('bad socket input', () => {
  let server: TestServer;
  const sockets: AttendeeSocket[] = [];
  beforeAll(async () => {
    server = await startServer();
    await server.app.ticker.stop(); // matching runs only when a test ticks
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  afterAll(() => server.close());

  const attendee = (code: string, name: string) => joinAndConnect(server, code, { name }, sockets);

  async function matchedPair() {
    const { event } = await createEvent(server.url);
    const a = await attendee(event.code, 'Ann');
    const b = await attendee(event.code, 'Bob');
    const found = waitFor(a.socket, 'match:found');
    await call(a.socket, 'match:find');
    await call(b.socket, 'match:find');
    await server.app.ticker.tick();
    return { event, a, b, match: (await found) as Match };
  }

  test.each([
    ['missing', undefined],
    ['not an object', { auth: 'nope' }],
    ['too short', { token: 'abc' }],
    ['unknown', { token: 'x'.repeat(43) }],
  ])('a %s token is refused with UNAUTHORIZED', async (_label, auth) => {
    const socket = io(`${server.url}/attendee`, { auth: auth as never, transports: ['websocket'], forceNew: true, reconnection: false });
    const err = await new Promise<Error>((resolve) => socket.on('connect_error', resolve));
    expect(err.message).toBe('UNAUTHORIZED');
    socket.close();
  });

  test('an organiser token is not an attendee token', async () => {
    const { organiserToken } = await createEvent(server.url);
    await expect(connectAttendee(server.url, organiserToken)).rejects.toThrow('UNAUTHORIZED');
  });

  test.each<[string, unknown]>([
    ['match:find', { extra: 1 }],
    ['match:find', 'string'],
    ['match:find', 42],
    ['match:cancel', [1, 2]],
    ['match:met', {}],
    ['match:met', { matchId: 5 }],
    ['match:met', { matchId: 'x'.repeat(65) }],
    ['match:leave', { matchId: 'abc' }],
    ['match:leave', { matchId: 'abc', reason: 'bored' }],
    ['match:open', { matchId: 'abc', open: 'yes' }],
    ['profile:update', { name: '' }],
    ['profile:update', { interests: 'climbing' }],
    ['profile:update', { solo: null }],
    ['profile:update', { lookFor: 'x'.repeat(81) }],
    ['profile:update', { unknown: true }],
  ])('%s with %j is VALIDATION_FAILED and changes nothing', async (event, payload) => {
    const { event: ev } = await createEvent(server.url);
    const a = await attendee(ev.code, 'Ann');
    const before = await server.app.services.attendees.state(a.ref);
    const ack = await call(a.socket, event as never, payload);
    expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await server.app.services.attendees.state(a.ref)).toEqual(before);
  });

  test('the refusal names each field and says what is wrong with it, in plain words', async () => {
    const { event: ev } = await createEvent(server.url);
    const a = await attendee(ev.code, 'Ann');
    const ack = await call(a.socket, 'profile:update', { name: ' ', lookFor: 'x'.repeat(81), solo: 'yes' });
    expect(ack).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        message: 'name: must not be empty.',
        issues: [
          { path: 'name', message: 'must not be empty' },
          { path: 'solo', message: 'must be true or false, not text' },
          { path: 'lookFor', message: 'must be at most 80 characters' },
        ],
      },
    });
  });

  test('unknown match ids are NOT_FOUND; someone else’s match is FORBIDDEN', async () => {
    const { match } = await matchedPair();
    const { event } = await createEvent(server.url);
    const outsider = await attendee(event.code, 'Cy');
    expect(await call(outsider.socket, 'match:met', { matchId: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // A match of another event is as good as unknown.
    expect(await call(outsider.socket, 'match:met', { matchId: match.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const { event: ev2, match: m2 } = await matchedPair();
    const sameEvent = await attendee(ev2.code, 'Di');
    for (const [name, payload] of [
      ['match:met', { matchId: m2.id }],
      ['match:leave', { matchId: m2.id, reason: 'done' }],
      ['match:open', { matchId: m2.id, open: true }],
    ] as const) {
      expect(await call(sameEvent.socket, name, payload)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  test('a contact whose web address is not https is one issue, not the same one twice', async () => {
    const { a, match } = await matchedPair();
    for (const url of ['javascript:alert(1)', 'http://example.com', 'https://localhost', 'not a web address', '']) {
      expect(await call(a.socket, 'contact:share', { matchId: match.id, contact: { url } })).toEqual({
        ok: false,
        error: {
          code: 'VALIDATION_FAILED',
          message: 'contact.url: must be a web address starting https://, e.g. https://example.com.',
          issues: [{ path: 'contact.url', message: 'must be a web address starting https://, e.g. https://example.com' }],
        },
      });
    }
  });

  test('a contact web address with a name before its host is refused for that', async () => {
    const { a, match } = await matchedPair();
    expect(await call(a.socket, 'contact:share', { matchId: match.id, contact: { url: 'https://www.linkedin.com@evil.example/in/ann' } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', issues: [{ path: 'contact.url', message: 'must be a web address with nothing before its host, e.g. https://example.com/you' }] },
    });
  });

  test('a contact web address with a control, bidi or invisible character in it is refused for that', async () => {
    // Before: kept as sent, and shown on the partner's card and written into their vCard as it
    // was: a right-to-left override made "example.com/\u202egnp.exe" read "example.com/exe.png".
    const { a, match } = await matchedPair();
    for (const url of ['https://example.com/\u202egnp.exe', 'https://example.com/a\u0000b', 'https://example.com/\u200bme', 'https://example.com/\u2066x']) {
      expect(await call(a.socket, 'contact:share', { matchId: match.id, contact: { url } })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED', issues: [{ path: 'contact.url', message: 'must be a web address with no hidden characters in it, e.g. https://example.com/you' }] },
      });
    }
    expect(await call(a.socket, 'contact:share', { matchId: match.id, contact: { url: 'https://example.com/zoë' } })).toMatchObject({ ok: true });
  });

  test('actions that do not fit the status are CONFLICT', async () => {
    const { a, match } = await matchedPair();
    expect(await call(a.socket, 'match:find')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await call(a.socket, 'match:cancel')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await call(a.socket, 'match:open', { matchId: match.id, open: true })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await call(a.socket, 'match:leave', { matchId: match.id, reason: 'done' });
    expect(await call(a.socket, 'match:met', { matchId: match.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  test('a pair who could not find each other are not proposed again at once', async () => {
    const { a, b, match } = await matchedPair();
    await call(a.socket, 'match:leave', { matchId: match.id, reason: 'cant_find' });
    await server.app.ticker.tick();
    await server.app.ticker.tick();
    for (const p of [a, b]) {
      expect(await server.app.services.attendees.state(p.ref)).toMatchObject({ status: 'looking', match: null });
    }
  });

  test('payloads over 16 KB are refused: the socket is dropped', async () => {
    const { event } = await createEvent(server.url);
    const a = await attendee(event.code, 'Big');
    const dropped = new Promise<string>((resolve) => a.socket.on('disconnect', resolve));
    a.socket.emit('profile:update', { lookFor: 'x'.repeat(20 * 1024) } as never, () => {});
    expect(await dropped).toMatch(/transport close|transport error/);
    expect((await server.app.services.attendees.state(a.ref)).me.lookFor).toBe('');
  });

  test('a flood of bad messages is rate-limited and never hurts other attendees', async () => {
    const { event } = await createEvent(server.url);
    const noisy = await attendee(event.code, 'Noisy');
    const calm = await attendee(event.code, 'Calm');
    const junk: unknown[] = [null, 1, 'x', [], { matchId: {} }, { reason: 'x' }];
    const acks = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        call(noisy.socket, (['match:met', 'match:leave', 'profile:update', 'match:find'] as const)[i % 4]!, junk[i % junk.length]),
      ),
    );
    const codes = new Set(acks.map((a) => (a.ok ? 'ok' : a.error.code)));
    expect(codes).toContain('RATE_LIMITED');
    expect([...codes].every((c) => ['VALIDATION_FAILED', 'RATE_LIMITED', 'ok', 'CONFLICT'].includes(c))).toBe(true);
    expect(noisy.socket.connected).toBe(true);
    // The calm attendee is unaffected.
    expect(await call(calm.socket, 'match:find')).toMatchObject({ ok: true, state: { status: 'looking' } });
  });

  test('names render as data: markup is kept as text, not interpreted or stripped', async () => {
    const { event } = await createEvent(server.url);
    const a = await attendee(event.code, '<img src=x onerror=alert(1)>');
    expect((await server.app.services.attendees.state(a.ref)).me.name).toBe('<img src=x onerror=alert(1)>');
  });
});
