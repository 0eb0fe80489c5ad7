import request from 'supertest';
import { createEvent, joinEvent, startServer, type TestServer } from '../helpers/server';

describe('HTTP routes', () => {
  let server: TestServer;
  beforeAll(async () => {
    // This suite creates some 40 events from one address, past the hourly cap (tested below).
    server = await startServer({ eventsPerHourPerAddress: 100 });
  });
  afterAll(() => server.close());

  test('GET /healthz answers ok', async () => {
    const res = await request(server.url).get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  test('POST /api/events creates an event with a join code, token and links', async () => {
    const res = await request(server.url)
      .post('/api/events')
      .send({ name: '  Tech & Tea ', topics: ['AI', 'ai ', 'Climbing'], spots: ['By the window'] })
      .expect(201);
    const { event, organiserToken, joinUrl, dashboardUrl } = res.body;
    expect(event).toMatchObject({ name: 'Tech & Tea', topics: ['AI', 'Climbing'], spots: ['By the window'], status: 'open', endsAt: null });
    expect(event.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6,}$/);
    expect(Buffer.from(organiserToken, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(joinUrl).toBe(`http://localhost:3000/e/${event.code}`);
    expect(dashboardUrl).toBe(`http://localhost:3000/organiser/${event.id}`);
  });

  test('join codes and tokens are distinct across events', async () => {
    const made = await Promise.all(Array.from({ length: 20 }, () => createEvent(server.url)));
    expect(new Set(made.map((m) => m.event.code)).size).toBe(20);
    expect(new Set(made.map((m) => m.organiserToken)).size).toBe(20);
  });

  test('GET /api/events/:code returns the public event, case-insensitively', async () => {
    const endsAt = new Date(Math.floor(Date.now() / 1000) * 1000 + 3 * 3_600_000);
    const { event } = await createEvent(server.url, { name: 'Public', endsAt: endsAt.toISOString().replace('.000Z', 'Z') });
    const res = await request(server.url).get(`/api/events/${event.code.toLowerCase()}`).expect(200);
    expect(res.body.event).toEqual({ ...event, endsAt: endsAt.toISOString() });
    expect(JSON.stringify(res.body)).not.toContain('organiser');
  });

  test('QR codes come as SVG and PNG', async () => {
    const { event } = await createEvent(server.url);
    const svg = await request(server.url).get(`/api/events/${event.code}/qr.svg`).expect(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.body.toString()).toContain('<svg');
    const png = await request(server.url).get(`/api/events/${event.code}/qr.png`).expect(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.body.subarray(1, 4).toString()).toBe('PNG');
  });

  test('POST /api/events/:code/attendees joins with cleaned fields and a token', async () => {
    const { event } = await createEvent(server.url);
    const res = await request(server.url)
      .post(`/api/events/${event.code}/attendees`)
      .send({ name: ' Ada\u0000\u202e ', interests: ['Climbing ', 'climbing', '  rock   music '], lookFor: 'green jumper' })
      .expect(201);
    expect(res.body.attendee).toMatchObject({ name: 'Ada', interests: ['Climbing', 'rock music'], solo: true, lookFor: 'green jumper' });
    expect(res.body.token.length).toBeGreaterThanOrEqual(22);
  });

  test("the organiser's stats and CSV are never kept by a cache: they hold names and reports", async () => {
    const { event, organiserToken } = await createEvent(server.url);
    for (const file of ['stats', 'export.csv']) {
      const res = await request(server.url).get(`/api/events/${event.id}/${file}`).set('authorization', `Bearer ${organiserToken}`).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  describe('errors', () => {
    test('endsAt must be ahead, and not too far', async () => {
      for (const endsAt of ['2020-01-01T00:00:00Z', '9999-01-01T00:00:00Z', '0000-01-01T00:00:00Z', 'tonight']) {
        const res = await request(server.url).post('/api/events').send({ name: 'When', endsAt }).expect(400);
        expect(res.body.error.issues[0].path).toBe('endsAt');
      }
    });

    test('VALIDATION_FAILED 400 with issues, and nothing created', async () => {
      const res = await request(server.url).post('/api/events').send({ name: '', topics: 'x' }).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.issues).toEqual([
        { path: 'name', message: 'must not be empty' },
        { path: 'topics', message: 'must be a list, not text' },
      ]);
      expect(res.body.error.message).toBe('name: must not be empty.');
    });

    test.each([
      [{ name: 'x'.repeat(41) }],
      [{ name: 'A', interests: Array.from({ length: 11 }, (_, i) => `t${i}`) }],
      [{ name: 'A', interests: ['x'.repeat(33)] }],
      [{ name: 'A', solo: 'yes' }],
      [{ name: 'A', lookFor: 'x'.repeat(81) }],
      [{ name: '\u0000\u0001' }],
      [null],
      ['just a string'],
    ])('join rejects %j', async (body) => {
      const { event } = await createEvent(server.url);
      const res = await request(server.url)
        .post(`/api/events/${event.code}/attendees`)
        .set('content-type', 'application/json')
        .send(JSON.stringify(body))
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });

    test('malformed JSON is VALIDATION_FAILED', async () => {
      const res = await request(server.url)
        .post('/api/events')
        .set('content-type', 'application/json')
        .send('{bad')
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });

    test('a body that is not a JSON object is told so in plain words, on every route with a body', async () => {
      const { event, organiserToken } = await createEvent(server.url);
      const auth = `Bearer ${organiserToken}`;
      const routes = [
        () => request(server.url).post('/api/events'),
        () => request(server.url).post(`/api/events/${event.code}/attendees`),
        () => request(server.url).post(`/api/events/${event.id}/announce`).set('authorization', auth),
        () => request(server.url).patch(`/api/events/${event.id}`).set('authorization', auth),
      ];
      const bodies: Array<[string, string]> = [
        ['application/json', '{bad'],
        ['text/plain', '{"name":"Z"}'],
        ['application/json', '"just a string"'],
        ['application/json', '[1, 2]'],
        ['application/json', 'null'],
        ['application/json', ''],
        ['application/xml', '<event name="Z"/>'],
      ];
      for (const route of routes) {
        for (const [type, body] of bodies) {
          const res = await route().set('content-type', type).send(body).expect(400);
          expect(res.body.error).toEqual({
            code: 'VALIDATION_FAILED',
            message: 'The request body must be a JSON object.',
            issues: [{ path: '', message: 'The request body must be a JSON object.' }],
          });
        }
      }
    });

    test('an endsAt with no timezone offset is one issue, saying what is wanted', async () => {
      const res = await request(server.url).post('/api/events').send({ name: 'When', endsAt: '2030-01-01T10:00:00' }).expect(400);
      expect(res.body.error.issues).toEqual([
        { path: 'endsAt', message: 'must be a date and time with a timezone offset, e.g. 2030-06-01T22:00:00Z' },
      ]);
    });

    test('unknown fields are refused on create and join, as on edit and announce', async () => {
      const created = await request(server.url).post('/api/events').send({ name: 'Z', isAdmin: true }).expect(400);
      expect(created.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Unknown field "isAdmin".', issues: [{ path: '', message: 'unknown field "isAdmin"' }] });
      const { event, organiserToken } = await createEvent(server.url);
      const joined = await request(server.url).post(`/api/events/${event.code}/attendees`).send({ name: 'Z', status: 'chatting' }).expect(400);
      expect(joined.body.error).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: '', message: 'unknown field "status"' }] });
      const edited = await request(server.url).patch(`/api/events/${event.id}`).set('authorization', `Bearer ${organiserToken}`).send({ name: 'Z', x: 1 }).expect(400);
      expect(edited.body.error.code).toBe('VALIDATION_FAILED');
      const stats = await request(server.url).get(`/api/events/${event.id}/stats`).set('authorization', `Bearer ${organiserToken}`).expect(200);
      expect(stats.body.attendees).toBe(0);
    });

    test('NOT_FOUND for unknown codes and routes', async () => {
      for (const path of ['/api/events/ZZZZZZ', '/api/events/ZZZZZZ/qr.svg', '/api/nothing']) {
        const res = await request(server.url).get(path).expect(404);
        expect(res.body.error.code).toBe('NOT_FOUND');
      }
      const join = await request(server.url).post('/api/events/ZZZZZZ/attendees').send({ name: 'A' }).expect(404);
      expect(join.body.error.code).toBe('NOT_FOUND');
    });

    test('a malformed code is VALIDATION_FAILED', async () => {
      const res = await request(server.url).get('/api/events/no!').expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });

    test("a malformed or overlong address is VALIDATION_FAILED in the usual shape, never Fastify's own", async () => {
      // Before: 400 {"error":"Bad Request","code":"FST_ERR_BAD_URL",...} and 414 FST_ERR_MAX_PARAM_LENGTH,
      // the address echoed back whole, for a code of 101 characters where one of 17 is a 400.
      const long = 'A'.repeat(101);
      const paths = ['/api/events/%%', '/api/events/%E0%A4%A/qr.svg', `/api/events/${long}`, `/api/events/${long}/stats`, '/e/%zz', `/organiser/${long}`, '/nothing/%%'];
      for (const path of paths) {
        const res = await request(server.url).get(path);
        expect({ path, status: res.status, code: res.body.error?.code }).toEqual({ path, status: 400, code: 'VALIDATION_FAILED' });
        expect(res.body.error.message).not.toContain(path);
      }
      const join = await request(server.url).post(`/api/events/${long}/attendees`).send({ name: 'A' }).expect(400);
      expect(join.body.error.code).toBe('VALIDATION_FAILED');
    });

    test('a list far past its cap is refused as one issue, before its items are looked at', async () => {
      // Before: each of 8,000 bad items was an issue of its own, about 300 ms of the server's time
      // and a 519 KB answer for a 16 KB join anyone with the code may send, 25 a second.
      const { event } = await createEvent(server.url);
      const body = `{"name":"Ann","interests":[${Array(8000).fill('1').join(',')}]}`;
      const res = await request(server.url).post(`/api/events/${event.code}/attendees`).set('content-type', 'application/json').send(body).expect(400);
      expect(res.body.error).toEqual({
        code: 'VALIDATION_FAILED',
        message: 'interests: must have at most 10 items.',
        issues: [{ path: 'interests', message: 'must have at most 10 items' }],
      });
      // Repeats still count once: eleven typed, ten left after de-duplication, is fine.
      const joined = await request(server.url)
        .post(`/api/events/${event.code}/attendees`)
        .send({ name: 'Bob', interests: ['Go', 'go ', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] })
        .expect(201);
      expect(joined.body.attendee.interests).toHaveLength(10);
    });

    test('PAYLOAD_TOO_LARGE 413 over 16 KB', async () => {
      const res = await request(server.url)
        .post('/api/events')
        .send({ name: 'x', padding: 'y'.repeat(17 * 1024) })
        .expect(413);
      expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    });

    test('EVENT_CLOSED 409 when joining an ended event', async () => {
      const { event } = await createEvent(server.url);
      await server.app.services.events.setStatus(event.id, 'ended');
      const res = await request(server.url).post(`/api/events/${event.code}/attendees`).send({ name: 'Late' }).expect(409);
      expect(res.body.error.code).toBe('EVENT_CLOSED');
    });
  });
});

describe('HTTP routes with an organiser key and a rate limit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ organiserKey: 'sekrit-key-123', rateLimitPerMinute: 3 });
  });
  afterAll(() => server.close());

  test('UNAUTHORIZED 401 without the key, 201 with it', async () => {
    const res = await request(server.url).post('/api/events').send({ name: 'Mine' }).expect(401);
    expect(res.body.error).toEqual({ code: 'UNAUTHORIZED', message: 'Creating events needs the organiser key.' });
    // A key sent but wrong: the same code, in words that say to check the key rather than add one.
    const wrong = await request(server.url).post('/api/events').set('authorization', 'Bearer wrong-key-00').send({ name: 'Mine' }).expect(401);
    expect(wrong.body.error).toEqual({ code: 'UNAUTHORIZED', message: "That organiser key isn't right." });
    await request(server.url).post('/api/events').set('authorization', 'Bearer sekrit-key-123').send({ name: 'Mine' }).expect(201);
  });

  test('RATE_LIMITED 429 past the per-minute limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await request(server.url).post('/api/events').set('authorization', 'Bearer sekrit-key-123').send({ name: 'Spam' });
      statuses.push(res.status);
      if (res.status === 429) expect(res.body.error.code).toBe('RATE_LIMITED');
    }
    expect(statuses).toContain(429);
    // Reads are not limited.
    await request(server.url).get('/healthz').expect(200);
  });
});

describe("the organiser's costly reads", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ rateLimitPerMinute: 3 });
  });
  afterAll(() => server.close());

  test('the figures and the export are RATE_LIMITED 429 past the same limit, each counted apart', async () => {
    const { event, organiserToken } = await createEvent(server.url, { name: 'Polled' });
    const auth = { authorization: `Bearer ${organiserToken}` };
    for (const path of [`/api/events/${event.id}/stats`, `/api/events/${event.id}/export.csv`]) {
      for (let i = 0; i < 3; i++) await request(server.url).get(path).set(auth).expect(200);
      const over = await request(server.url).get(path).set(auth).expect(429);
      expect(over.body.error.code).toBe('RATE_LIMITED');
      expect(over.headers['retry-after']).toBeDefined();
    }
    // A cheap read of the event is not limited.
    for (let i = 0; i < 5; i++) await request(server.url).get(`/api/events/${event.id}/organiser`).set(auth).expect(200);
  });
});

describe('the write and join limits, per address', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Believe X-Forwarded-For, so the test can speak from several addresses.
    server = await startServer({ rateLimitPerMinute: 3, joinRateLimitPerMinute: 2, trustProxy: true });
  });
  afterAll(() => server.close());

  const from = (ip: string) => ({
    post: (path: string) => request(server.url).post(path).set('x-forwarded-for', ip),
  });
  /** Addresses of one host, which holds its /64 whole. */
  const host = (i: number) => from(`2001:db8:7:8::${(i + 1).toString(16)}`);

  test('an IPv6 address counts by its /64: rotating the low bits does not buy a fresh budget', async () => {
    for (let i = 0; i < 3; i++) await host(i).post('/api/events').send({ name: 'Rotating' }).expect(201);
    expect((await host(3).post('/api/events').send({ name: 'Rotated' }).expect(429)).body.error.code).toBe('RATE_LIMITED');
    await from('2001:db8:7:9::1').post('/api/events').send({ name: 'Next /64' }).expect(201);

    const { event } = await createEvent(server.url, { name: 'Hall' });
    for (let i = 0; i < 2; i++) await host(10 + i).post(`/api/events/${event.code}/attendees`).send({ name: `Guest ${i}` }).expect(201);
    expect((await host(12).post(`/api/events/${event.code}/attendees`).send({ name: 'Rotated' }).expect(429)).body.error.code).toBe('RATE_LIMITED');
    await from('2001:db8:7:9::1').post(`/api/events/${event.code}/attendees`).send({ name: 'Next /64' }).expect(201);
  });
});

describe('joining at a venue, where every phone is behind one address', () => {
  let server: TestServer;
  /** Small enough to reach quickly, big enough for the room below. */
  const JOIN_CEILING = 320;
  beforeAll(async () => {
    // A tight write limit, to show joins have a budget of their own.
    server = await startServer({ rateLimitPerMinute: 5, joinRateLimitPerMinute: JOIN_CEILING });
  });
  afterAll(() => server.close());

  const join = (code: string, i: number) => request(server.url).post(`/api/events/${code}/attendees`).send({ name: `Guest ${i}` });

  test('300 phones join one event at once; past the ceiling the next join is RATE_LIMITED', async () => {
    const { event } = await createEvent(server.url, { name: 'Packed hall' });
    const nextDoor = await createEvent(server.url, { name: 'Next door' });
    const statuses: number[] = [];
    // The QR code goes up and the room scans it: 50 joins in flight at a time.
    for (let batch = 0; batch < 300; batch += 50) {
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => join(event.code, batch + i)));
      statuses.push(...answers.map((a) => a.status));
    }
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    for (let i = 300; i < JOIN_CEILING; i++) await join(event.code, i).expect(201);

    // The same code in lower case is the same event, with the same budget.
    const over = await join(event.code.toLowerCase(), JOIN_CEILING).expect(429);
    expect(over.body.error.code).toBe('RATE_LIMITED');
    // Another event from the same address has a budget of its own.
    await join(nextDoor.event.code, 0).expect(201);
  });
});

describe('INTERNAL 500', () => {
  test('hides internals', async () => {
    const server = await startServer();
    try {
      const { event } = await createEvent(server.url);
      jest.spyOn(server.app.services.attendees, 'join').mockRejectedValueOnce(new Error('db password is hunter2'));
      const res = await request(server.url).post(`/api/events/${event.code}/attendees`).send({ name: 'A' }).expect(500);
      expect(res.body).toEqual({ error: { code: 'INTERNAL', message: 'Something went wrong on our side.' } });
      // And the next request works.
      await joinEvent(server.url, event.code, { name: 'B' });
    } finally {
      await server.close();
    }
  });
});

describe('GET /api/me', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  test('returns the attendee state for their token', async () => {
    const { event, organiserToken } = await createEvent(server.url);
    const { attendee, token } = await joinEvent(server.url, event.code, { name: 'Bo' });
    const res = await request(server.url).get('/api/me').set('authorization', `Bearer ${token}`).expect(200);
    expect(res.body).toMatchObject({ me: attendee, status: 'idle', match: null, event: { id: event.id } });

    const missing = await request(server.url).get('/api/me').expect(401);
    expect(missing.body.error.code).toBe('UNAUTHORIZED');
    await request(server.url).get('/api/me').set('authorization', `Bearer ${'x'.repeat(40)}`).expect(401);

    const wrongKind = await request(server.url).get('/api/me').set('authorization', `Bearer ${organiserToken}`).expect(403);
    expect(wrongKind.body.error.code).toBe('FORBIDDEN');
  });
});
